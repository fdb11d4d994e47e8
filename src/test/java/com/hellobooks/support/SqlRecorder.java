package com.hellobooks.support;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Records every SQL statement the application's DataSource executes, whoever sends it
 * (Hibernate for writes, JdbcClient for reads), so tests can look at the SQL a request really
 * sent (to EXPLAIN it, or to count statements). Imported by {@link ApiTest}; the store is
 * static because each test reads it without a handle on the context.
 */
@TestConfiguration(proxyBeanMethods = false)
public class SqlRecorder {

    private static final List<Statement> STATEMENTS = new CopyOnWriteArrayList<>();
    private static final AtomicInteger COMMITS = new AtomicInteger();

    /** A statement as executed: its SQL with ? placeholders, and the values bound to them in order. */
    public record Statement(String sql, List<Object> parameters) {
    }

    // Static: a post-processor is created before the beans it processes.
    @Bean
    static BeanPostProcessor recordingDataSource() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (!(bean instanceof DataSource dataSource) || !"dataSource".equals(beanName)) {
                    return bean;
                }
                return ProxyDataSourceBuilder.create(dataSource)
                        .afterQuery((execution, queries) -> queries.forEach(query -> STATEMENTS.add(recorded(query))))
                        .afterMethod(call -> {
                            if (call.getMethod().getName().equals("commit")) {
                                COMMITS.incrementAndGet();
                            }
                        })
                        .build();
            }
        };
    }

    private static Statement recorded(QueryInfo query) {
        List<Object> parameters = new ArrayList<>();
        if (!query.getParametersList().isEmpty()) {
            // the first (for a batch: the first row's) values, ordered by parameter index
            query.getParametersList().get(0).stream()
                    .sorted(Comparator.comparingInt(set -> (Integer) set.getArgs()[0]))
                    .forEach(set -> parameters.add(set.getArgs()[1]));
        }
        return new Statement(query.getQuery(), parameters);
    }

    public static void clear() {
        STATEMENTS.clear();
        COMMITS.set(0);
    }

    /** The SQL of each statement executed since the last {@link #clear()}. */
    public static List<String> statements() {
        return STATEMENTS.stream().map(Statement::sql).toList();
    }

    /** The transactions committed since the last {@link #clear()} (a statement in autocommit is none). */
    public static int commits() {
        return COMMITS.get();
    }

    /** Each statement executed since the last {@link #clear()}, with its parameters. */
    public static List<Statement> recorded() {
        return List.copyOf(STATEMENTS);
    }
}
