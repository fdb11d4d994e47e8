package com.hellobooks.database.retry;

import java.sql.SQLException;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;

import org.springframework.aop.Advisor;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/** {@link UnreachedDatabaseRetry} around every {@code @Transactional} and {@link Autocommit} method, outside the other advice. */
@Configuration(proxyBeanMethods = false)
class DatabaseRetryConfiguration {

    /** The retry itself, for the code that opens a transaction by hand (a keyed POST). */
    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static UnreachedDatabaseRetry unreachedDatabaseRetry(Environment environment, ObjectProvider<DataSource> dataSource) {
        // bound here, not injected: advisors are created before configuration properties beans
        DatabaseRetryProperties properties = Binder.get(environment)
                .bindOrCreate("hellobooks.datasource", DatabaseRetryProperties.class);
        return new UnreachedDatabaseRetry(properties.retryBudget(), () -> evictPrimaryPool(dataSource.getIfAvailable()));
    }

    /** Closes the idle connections of the primary's pool now, and the busy ones as they come back. */
    private static void evictPrimaryPool(DataSource dataSource) {
        try {
            if (dataSource != null && dataSource.isWrapperFor(HikariDataSource.class)) {
                HikariPoolMXBean pool = dataSource.unwrap(HikariDataSource.class).getHikariPoolMXBean();
                if (pool != null) {
                    pool.softEvictConnections();
                }
            }
        } catch (SQLException ex) {
            // not a Hikari pool after all: nothing to empty
        }
    }

    /**
     * Outermost (a lower order number is further out): before the replica's read retry
     * (LOWEST_PRECEDENCE - 1) and the transaction advisor (LOWEST_PRECEDENCE), so that each
     * attempt is a whole new transaction.
     */
    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static Advisor unreachedDatabaseRetryAdvisor(UnreachedDatabaseRetry retry) {
        DefaultPointcutAdvisor advisor = new DefaultPointcutAdvisor(DatabaseMethods.all(), retry);
        advisor.setOrder(Ordered.LOWEST_PRECEDENCE - 2);
        return advisor;
    }
}
