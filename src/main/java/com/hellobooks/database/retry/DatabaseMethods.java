package com.hellobooks.database.retry;

import java.lang.reflect.Method;

import org.springframework.aop.support.AopUtils;
import org.springframework.aop.support.StaticMethodMatcherPointcut;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.transaction.annotation.AnnotationTransactionAttributeSource;
import org.springframework.transaction.interceptor.TransactionAttribute;
import org.springframework.transaction.interceptor.TransactionAttributeSource;

/**
 * The service methods the database's retries wrap: {@code @Transactional} and {@link Autocommit}
 * ones, or only those that just read. Its own reader of {@code @Transactional}, not the
 * transaction advisor's: asking the context for that one while it creates proxies would be a
 * circular reference. Spring matches a pointcut once per method, when it builds the proxy.
 */
public final class DatabaseMethods extends StaticMethodMatcherPointcut {

    private final TransactionAttributeSource transactions = new AnnotationTransactionAttributeSource();
    private final boolean readOnlyOnly;

    private DatabaseMethods(boolean readOnlyOnly) {
        this.readOnlyOnly = readOnlyOnly;
    }

    /** Every method that talks to the database through a transaction or in autocommit. */
    public static DatabaseMethods all() {
        return new DatabaseMethods(false);
    }

    /** Only the methods that read: {@code @Transactional(readOnly = true)}, {@code @Autocommit(readOnly = true)}. */
    public static DatabaseMethods readOnly() {
        return new DatabaseMethods(true);
    }

    @Override
    public boolean matches(Method method, Class<?> targetClass) {
        TransactionAttribute attribute = transactions.getTransactionAttribute(method, targetClass);
        if (attribute != null) {
            return !readOnlyOnly || attribute.isReadOnly();
        }
        Autocommit autocommit = AnnotatedElementUtils.findMergedAnnotation(AopUtils.getMostSpecificMethod(method, targetClass), Autocommit.class);
        return autocommit != null && (!readOnlyOnly || autocommit.readOnly());
    }
}
