package com.hellobooks.idempotency;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.Optional;

import javax.sql.DataSource;

import com.hellobooks.database.retry.UnreachedDatabaseRetry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * {@code Idempotency-Key} on every POST (IETF httpapi draft "The Idempotency-Key HTTP Header
 * Field"): a client that never learnt whether its POST was written sends it again with the same
 * key and gets the first answer, without a second write. Requests without the header pass
 * through untouched.
 *
 * <p>A keyed POST runs in one transaction opened here, which the handler's write joins; a
 * successful answer is stored in that same transaction, so a crash keeps both or neither. It is
 * a JDBC transaction on the application's DataSource, not a JPA one: every POST writes through
 * SQL statements ({@code JdbcClient}), which take its connection, and it costs no
 * {@code EntityManager}. A JPA transaction begun inside it would fail at once (Spring's
 * {@code JpaTransactionManager} finds the DataSource's connection already bound; the client
 * would see a 503, as if the database were down), so a POST moved onto entities cannot quietly
 * commit apart from its stored answer: IdempotencyKeyTest's keyed POSTs on every route show it.
 * Nothing is looked up first, so a first keyed POST costs one statement more than a keyless
 * one ({@link KeyedPost} does the work). A retry runs the handler again, finds the key taken when it stores the answer, rolls
 * its own write back and replays the stored answer instead. A duplicate sent while the first
 * is still running waits on the key's row until the first commits, then replays it. Answers
 * other than 2xx are not stored: a refused request can be corrected and sent with the same key.
 * While no writable primary can be reached (a failover), the whole keyed POST runs again within
 * the database retry budget, as any transaction does.
 */
@Component
@Order(IdempotencyKeyFilter.ORDER)
class IdempotencyKeyFilter extends OncePerRequestFilter {

    /** After Spring Security's filters (order -100), whose authentication scopes the keys. */
    static final int ORDER = 0;

    static final String HEADER = "Idempotency-Key";

    private final KeyedPost.Steps steps;

    IdempotencyKeyFilter(DataSource dataSource, StoredResponses responses,
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems, UnreachedDatabaseRetry retry) {
        // Not a bean: one of type TransactionManager would make Spring Boot leave out its JPA one.
        // The COMMIT itself travels with the stored answer (StoredResponses), so this manager's
        // commit() only ends the transaction on the connection, which sends nothing.
        DataSourceTransactionManager transactions = new DataSourceTransactionManager(dataSource);
        this.steps = new KeyedPost.Steps(transactions, responses, problems, retry);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !HttpMethod.POST.matches(request.getMethod()) || request.getHeader(HEADER) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        IdempotencyKey key;
        byte[] body;
        try {
            key = IdempotencyKey.parse(Collections.list(request.getHeaders(HEADER)));
            body = request.getInputStream().readAllBytes();
        } catch (IdempotencyProblem ex) {
            steps.problems().resolveException(request, response, null, ex);
            return;
        } catch (IOException ex) {
            // too large, or cut off: the same answer the handler's own read would have had
            steps.problems().resolveException(request, response, null,
                    new HttpMessageNotReadableException(ex.getMessage(), ex, new ServletServerHttpRequest(request)));
            return;
        }
        new KeyedPost(steps, request, response, key, subject(), fingerprint(request, body)).run(new CachedBodyRequest(request, body), chain);
    }

    /** The subject keys belong to: the token's when requests are authenticated, '' otherwise. */
    private static String subject() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null || !authentication.isAuthenticated() || authentication instanceof AnonymousAuthenticationToken
                ? ""
                : authentication.getName();
    }

    /** SHA-256 of the method, path, query and body: what a key's requests must all share. */
    private static byte[] fingerprint(HttpServletRequest request, byte[] body) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            String target = request.getMethod() + " " + request.getRequestURI() + "?" + Optional.ofNullable(request.getQueryString()).orElse("") + "\n";
            sha256.update(target.getBytes(StandardCharsets.UTF_8));
            return sha256.digest(body);
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("every JDK has SHA-256", ex);
        }
    }
}
