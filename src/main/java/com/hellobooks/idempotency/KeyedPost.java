package com.hellobooks.idempotency;

import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;

import com.hellobooks.database.retry.DatabaseFailures;
import com.hellobooks.database.retry.UnreachedDatabaseRetry;
import jakarta.persistence.EntityManager;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.TransactionStatus;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * One POST with an Idempotency-Key on its way through ({@link IdempotencyKeyFilter} says
 * why it goes this way): its transaction, its captured answer, and what becomes of them.
 */
final class KeyedPost {

    private static final Logger log = LoggerFactory.getLogger(KeyedPost.class);

    /** What every keyed POST works with. */
    record Steps(PlatformTransactionManager transactions, EntityManager entityManager, StoredResponses responses,
            HandlerExceptionResolver problems, UnreachedDatabaseRetry retry) {
    }


    private final Steps steps;
    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private final IdempotencyKey key;
    private final String subject;
    private final byte[] fingerprint;
    private final ContentCachingResponseWrapper answer;
    private int attempts;

    KeyedPost(Steps steps, HttpServletRequest request, HttpServletResponse response, IdempotencyKey key, String subject, byte[] fingerprint) {
        this.steps = steps;
        this.request = request;
        this.response = response;
        this.key = key;
        this.subject = subject;
        this.fingerprint = fingerprint;
        this.answer = new ContentCachingResponseWrapper(response);
    }

    void run(HttpServletRequest replayable, FilterChain chain) throws ServletException, IOException {
        if (!runOnce(replayable, chain, true)) {
            // the key's answer had expired but was not purged yet; it is removed, and the key is free again
            runOnce(replayable, chain, false);
        }
    }

    /** False only when the key turned out to hold an expired answer, which {@code freeExpired} has removed. */
    private boolean runOnce(HttpServletRequest replayable, FilterChain chain, boolean freeExpired) throws ServletException, IOException {
        TransactionStatus transaction;
        try {
            // while no writable primary can be had (a failover), try again for a while
            transaction = steps.retry().run(() -> attempt(replayable, chain));
        } catch (ChainFailure ex) {
            ex.rethrow();
            return true;
        } catch (TransactionException ex) {
            steps.problems().resolveException(request, response, null, ex);
            return true;
        } catch (NotWritten ex) {
            // out of time: the last attempt's 503 is the answer
            answer.copyBodyToResponse();
            return true;
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
            return true;
        }
        boolean stored;
        try {
            // deferred writes (a new book's genre link) go out now, so they fail before the answer is stored
            steps.entityManager().flush();
            stored = steps.responses().recordFirst(subject, key, StoredResponse.of(fingerprint, answer));
        } catch (RuntimeException ex) {
            rollBack(transaction);
            answerWithProblem(ex);
            return true;
        }
        if (!stored) {
            rollBack(transaction);
            if (freeExpired && freedExpiredKey()) {
                return false;
            }
            replayEarlierOr(true);
            return true;
        }
        try {
            steps.transactions().commit(transaction);
        } catch (RuntimeException ex) {
            // Spring reports a failed commit as a TransactionException or a DataAccessException
            if (DatabaseFailures.sessionLost(ex)) {
                log.warn("Commit of a keyed POST failed, its outcome is unknown: {}", ex.getMessage());
                answerWithProblem(IdempotencyProblem.outcomeUnknown());
            } else {
                answerWithProblem(ex);
            }
            return true;
        }
        answer.copyBodyToResponse();
        return true;
    }

    /**
     * One run of the handler in a new transaction, left open for the answer to be stored;
     * {@link NotWritten} when the handler's 503 says that nothing reached the database.
     */
    private TransactionStatus attempt(HttpServletRequest replayable, FilterChain chain) {
        if (attempts++ > 0) {
            startOver();
        }
        TransactionStatus transaction = steps.transactions().getTransaction(TransactionDefinition.withDefaults());
        try {
            chain.doFilter(replayable, answer);
        } catch (IOException | ServletException ex) {
            rollBack(transaction);
            throw new ChainFailure(ex);
        } catch (RuntimeException ex) {
            rollBack(transaction);
            throw ex;
        }
        if (request.getAttribute(DispatcherServlet.EXCEPTION_ATTRIBUTE) instanceof Throwable failure
                && DatabaseFailures.nothingReachedTheDatabase(failure)) {
            rollBack(transaction);
            request.removeAttribute(DispatcherServlet.EXCEPTION_ATTRIBUTE);
            throw new NotWritten(failure);
        }
        return transaction;
    }

    /** The handler's answer is dropped before another attempt writes its own. */
    private void startOver() {
        discardAnswer();
        response.setHeader(HttpHeaders.RETRY_AFTER, null);
        response.setHeader(HttpHeaders.CACHE_CONTROL, null);
    }

    /**
     * The key's stored answer if it has one (or 422 for another request under the same key);
     * otherwise the handler's own answer, or 409 when the key was taken but its answer is gone
     * by now (it expired, or the purge removed it, while this request ran).
     */
    private void replayEarlierOr(boolean raced) throws IOException {
        Optional<StoredResponse> earlier;
        try {
            earlier = steps.responses().find(subject, key);
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

    /** Whether the key held an expired answer, now removed; if the database cannot say, the lookup that follows fails too. */
    private boolean freedExpiredKey() {
        try {
            return steps.responses().freeExpired(subject, key);
        } catch (RuntimeException ex) {
            return false;
        }
    }

    private void answerWithProblem(Exception ex) {
        discardAnswer();
        steps.problems().resolveException(request, response, null, ex);
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
            steps.transactions().rollback(transaction);
        } catch (RuntimeException ex) {
            // the connection is gone, and the write with it (JPA reports that as a JpaSystemException)
            log.debug("Rollback of a keyed POST failed: {}", ex.getMessage());
        }
    }

    /** A handler's failure that reached no database, so the keyed POST may run again (its cause says why). */
    private static final class NotWritten extends RuntimeException {

        NotWritten(Throwable cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }

    /** The filter chain's own checked exceptions, carried through the retry. */
    private static final class ChainFailure extends RuntimeException {

        ChainFailure(Exception cause) {
            super(cause.getMessage(), cause, false, false);
        }

        void rethrow() throws IOException, ServletException {
            if (getCause() instanceof IOException io) {
                throw io;
            }
            throw (ServletException) getCause();
        }
    }
}
