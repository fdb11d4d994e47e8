package com.hellobooks.database.replica;

import java.sql.SQLException;
import java.time.Clock;

import javax.sql.DataSource;

import com.hellobooks.database.retry.DatabaseMethods;
import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.Advisor;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;

/**
 * Reads from a replica when {@code hellobooks.datasource.replica.url} is set; otherwise this
 * configuration does not exist and the application's DataSource is Spring Boot's, untouched.
 *
 * <p>The application's DataSource (the primary's pool) is wrapped in a
 * {@link LazyConnectionDataSourceProxy} whose read-only variant is the replica: a connection is
 * only taken at the first statement, by which time a {@code @Transactional(readOnly = true)}
 * service method has marked it read-only, so it comes from the replica. Everything else
 * (writes, Flyway's migrations, the readiness probe's check) runs on connections that are not
 * read-only and goes to the primary. The primary's pool is wrapped rather than replaced, so
 * every {@code spring.datasource.*} setting still applies to it.
 *
 * <p>A replica that cannot give a connection is skipped by {@link FallbackDataSource}; a read
 * whose replica session ends under it (the standby stopping or restarting) is run again on the
 * primary by {@link ReplicaReadRetry}. Either way the client gets its answer.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("hellobooks.datasource.replica.url")
class ReplicaConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ReplicaConfiguration.class);

    // Static, and binding the properties by hand: a post-processor is created before
    // configuration properties beans are.
    @Bean
    static BeanPostProcessor replicaRouting(Environment environment) {
        return new BeanPostProcessor() {

            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (!(bean instanceof DataSource primary) || !"dataSource".equals(beanName)) {
                    return bean;
                }
                Binder binder = Binder.get(environment);
                ReplicaProperties replica = binder.bindOrCreate("hellobooks.datasource.replica", ReplicaProperties.class);
                String username = replica.username() != null ? replica.username()
                        : environment.getProperty("spring.datasource.username", primaryUsername(primary));
                String password = replica.password() != null ? replica.password()
                        : environment.getProperty("spring.datasource.password");
                log.info("Reads: replica at {}; writes and migrations: the primary", replica.url());
                HikariDataSource replicaPool = replicaPool(replica, username, password);
                return new ReplicaRoutingDataSource(primary, replicaPool,
                        new FallbackDataSource(replicaPool, primary, replica.retryAfter(), Clock.systemUTC()));
            }
        };
    }

    /**
     * The DataSource bean as the context sees it from now on, so it must close what it wraps:
     * Spring closes the bean it exposes at shutdown, and that is this proxy, not the primary's pool.
     */
    static final class ReplicaRoutingDataSource extends LazyConnectionDataSourceProxy implements AutoCloseable {

        private final DataSource primary;
        private final HikariDataSource replicaPool;
        private final FallbackDataSource reads;

        ReplicaRoutingDataSource(DataSource primary, HikariDataSource replicaPool, FallbackDataSource reads) {
            super(primary);
            this.primary = primary;
            this.replicaPool = replicaPool;
            this.reads = reads;
            setReadOnlyDataSource(reads);
        }

        FallbackDataSource reads() {
            return reads;
        }

        @Override
        public void close() throws Exception {
            replicaPool.close();
            if (primary instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
    }

    /**
     * {@link ReplicaReadRetry} around every {@code @Transactional(readOnly = true)} and
     * {@code @Autocommit(readOnly = true)} method,
     * outside the transaction interceptor (a lower order number is further out), so that a
     * read whose replica connection broke runs again as a new transaction on the primary.
     */
    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static Advisor replicaReadRetryAdvisor(ObjectProvider<DataSource> dataSource) {
        DefaultPointcutAdvisor advisor = new DefaultPointcutAdvisor(DatabaseMethods.readOnly(),
                new ReplicaReadRetry(() -> routing(dataSource.getIfAvailable())));
        advisor.setOrder(Ordered.LOWEST_PRECEDENCE - 1); // the transaction advisor's is LOWEST_PRECEDENCE
        return advisor;
    }

    private static FallbackDataSource routing(DataSource dataSource) {
        try {
            return dataSource != null && dataSource.isWrapperFor(ReplicaRoutingDataSource.class)
                    ? dataSource.unwrap(ReplicaRoutingDataSource.class).reads() : null;
        }
        catch (SQLException e) {
            return null;
        }
    }

    private static String primaryUsername(DataSource primary) {
        return primary instanceof HikariDataSource hikari ? hikari.getUsername() : null;
    }

    private static HikariDataSource replicaPool(ReplicaProperties replica, String username, String password) {
        HikariDataSource pool = new HikariDataSource();
        pool.setPoolName("replica");
        pool.setJdbcUrl(replica.url());
        pool.setUsername(username);
        pool.setPassword(password);
        pool.setMaximumPoolSize(replica.maximumPoolSize());
        pool.setConnectionTimeout(replica.connectionTimeout().toMillis());
        // Start even while the replica is down: reads use the primary until it is back.
        pool.setInitializationFailTimeout(-1);
        pool.setReadOnly(true);
        return pool;
    }
}
