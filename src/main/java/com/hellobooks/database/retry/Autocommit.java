package com.hellobooks.database.retry;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A service method that opens no transaction: each of its SQL statements runs in autocommit,
 * its own transaction, or in the caller's transaction when there is one (a keyed POST's),
 * which it then joins. That is what {@code @Transactional(propagation = SUPPORTS)} said, minus
 * the transaction interceptor's work on every call (6% of a GET's CPU: it looked up the
 * transaction manager and opened a synchronization scope that nothing used).
 *
 * <p>The database's retries apply to it as to a {@code @Transactional} method: run again while
 * no primary can be reached (a failover), and, when it is {@link #readOnly()}, on the primary
 * when a replica's session broke under it.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface Autocommit {

    /** It only reads: its statements may go to the read replica, and run again on the primary. */
    boolean readOnly() default false;
}
