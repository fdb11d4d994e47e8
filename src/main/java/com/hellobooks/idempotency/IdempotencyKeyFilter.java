package com.hellobooks.idempotency;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Collections;
import java.util.Optional;

import jakarta.persistence.EntityManager;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.TransactionStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * {@code Idempotency-Key} on every POST (IETF httpapi draft "The Idempotency-Key HTTP Header
 * Field"): a client that never learnt whether its POST was written sends it again with the same
 * key and gets the first answer, without a second write. Requests without the header pass
 * through untouched.
 *
 * <p>A keyed POST runs in one transaction opened here, which the handler's write joins; a
 * successful answer is stored in that same transaction, so a crash keeps both or neither.
 * Nothing is looked up first, so a first keyed POST costs one statement more than a keyless
 * one. A retry runs the handler again, finds the key taken when it stores the answer, rolls
 * its own write back and replays the stored answer instead. A duplicate sent while the first
 * is still running waits on the key's row until the first commits, then replays it. Answers
 * other than 2xx are not stored: a refused request can be corrected and sent with the same key.
 */
@Component
@Order(IdempotencyKeyFilter.ORDER)
class IdempotencyKeyFilter extends OncePerRequestFilter {

    /** After Spring Security's filters (order -100), whose authentication scopes the keys. */
    static final int ORDER = 0;

    static final String HEADER = "Idempotency-Key";

    private static final Logger log = LoggerFactory.getLogger(IdempotencyKeyFilter.class);

    private final PlatformTransactionManager transactions;
    private final EntityManager entityManager;
    private final StoredResponses responses;
    private final HandlerExceptionResolver problems;

    IdempotencyKeyFilter(PlatformTransactionManager transactions, EntityManager entityManager, StoredResponses responses,
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems) {
        this.transactions = transactions;
        this.entityManager = entityManager;
        this.responses = responses;
        this.problems = problems;
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
            problems.resolveException(request, response, null, ex);
            return;
        } catch (IOException ex) {
            // too large, or cut off: the same answer the handler's own read would have had
            problems.resolveException(request, response, null,
                    new HttpMessageNotReadableException(ex.getMessage(), ex, new ServletServerHttpRequest(request)));
            return;
        }
        new KeyedPost(request, response, key, subject(), fingerprint(request, body)).run(new CachedBodyRequest(request, body), chain);
    }

    /** One keyed POST on its way through: its transaction, its captured answer, and what becomes of them. */
    private final class KeyedPost {

        private final HttpServletRequest request;
        private final HttpServletResponse response;
        private final IdempotencyKey key;
        private final String subject;
        private final byte[] fingerprint;
        private final ContentCachingResponseWrapper answer;

        KeyedPost(HttpServletRequest request, HttpServletResponse response, IdempotencyKey key, String subject, byte[] fingerprint) {
            this.request = request;
            this.response = response;
            this.key = key;
            this.subject = subject;
            this.fingerprint = fingerprint;
            this.answer = new ContentCachingResponseWrapper(response);
        }

        void run(HttpServletRequest replayable, FilterChain chain) throws ServletException, IOException {
            TransactionStatus transaction;
            try {
                transaction = transactions.getTransaction(TransactionDefinition.withDefaults());
            } catch (TransactionException ex) {
                problems.resolveException(request, response, null, ex);
                return;
            }
            try {
                chain.doFilter(replayable, answer);
            } catch (IOException | ServletException | RuntimeException ex) {
                rollBack(transaction);
                throw ex;
            }
            int status = answer.getStatus();
            if (status >= 300) {
                rollBack(transaction);
                if (status < 500) {
                    // refused now, but perhaps answered before (e.g. its author deleted since)
                    replayEarlierOr(false);
                } else {
                    answer.copyBodyToResponse();
                }
                return;
            }
            boolean stored;
            try {
                // deferred writes (a new book's genre link) go out now, so they fail before the answer is stored
                entityManager.flush();
                stored = responses.recordFirst(subject, key, StoredResponse.of(fingerprint, answer));
            } catch (RuntimeException ex) {
                rollBack(transaction);
                answerWithProblem(ex);
                return;
            }
            if (!stored) {
                rollBack(transaction);
                replayEarlierOr(true);
                return;
            }
            try {
                transactions.commit(transaction);
            } catch (TransactionException ex) {
                log.warn("Commit of a keyed POST failed, its outcome is unknown: {}", ex.getMessage());
                answerWithProblem(IdempotencyProblem.outcomeUnknown());
                return;
            }
            answer.copyBodyToResponse();
        }

        /**
         * The key's stored answer if it has one (or 422 for another request under the same key);
         * otherwise the handler's own answer, or 409 when a concurrent first use ended unanswered.
         */
        private void replayEarlierOr(boolean raced) throws IOException {
            Optional<StoredResponse> earlier;
            try {
                earlier = responses.find(subject, key);
            } catch (RuntimeException ex) {
                answerWithProblem(ex);
                return;
            }
            if (earlier.isEmpty()) {
                if (raced) {
                    answerWithProblem(IdempotencyProblem.inFlight());
                } else {
                    answer.copyBodyToResponse();
                }
            } else if (!Arrays.equals(earlier.get().fingerprint(), fingerprint)) {
                answerWithProblem(IdempotencyProblem.reusedForAnotherRequest());
            } else {
                discardAnswer();
                earlier.get().replay(response);
            }
        }

        private void answerWithProblem(Exception ex) {
            discardAnswer();
            problems.resolveException(request, response, null, ex);
        }

        /** The handler's answer is not the one sent: drop its body and the headers that describe it. */
        private void discardAnswer() {
            answer.resetBuffer();
            response.setHeader(HttpHeaders.LOCATION, null);
            response.setHeader(HttpHeaders.ETAG, null);
        }

        private void rollBack(TransactionStatus transaction) {
            if (transaction.isCompleted()) {
                return;
            }
            try {
                transactions.rollback(transaction);
            } catch (TransactionException ex) {
                // the connection is gone, and the write with it
                log.debug("Rollback of a keyed POST failed: {}", ex.getMessage());
            }
        }
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
