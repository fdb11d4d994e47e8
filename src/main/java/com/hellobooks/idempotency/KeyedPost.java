package com.hellobooks.idempotency;

import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;

import com.hellobooks.database.retry.DatabaseFailures;
import com.hellobooks.database.retry.SafeToRunAgain;
import com.hellobooks.database.retry.UnreachedDatabaseRetry;
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
    record Steps(PlatformTransactionManager transactions, StoredResponses responses,
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
    /** Whether an attempt's commit broke on its way: unknown until a later attempt reaches the key (stores it or finds it taken). */
    private boolean commitUnconfirmed;

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
        request.setAttribute(UnreachedDatabaseRetry.ATTEMPTS, Boolean.TRUE);
        run(replayable, chain, true);
    }

    private void run(HttpServletRequest replayable, FilterChain chain, boolean mayFreeExpiredKey) throws ServletException, IOException {
        Outcome outcome;
        try {
            outcome = steps.retry().run(() -> attempt(replayable, chain));
        } catch (ChainFailure ex) {
            ex.rethrow();
            return;
        } catch (TransactionException ex) {
            answerWithProblem(commitUnconfirmed ? IdempotencyProblem.outcomeUnknown() : ex);
            return;
        } catch (StoreFailure ex) {
            answerWithProblem((Exception) ex.getCause());
            return;
        } catch (SafeToRunAgain ex) {
            // out of time: the last attempt's own 503, or the outcome-unknown one after a broken commit
            log.warn("Database unavailable through a keyed POST's retry budget: {}", ex.getMessage());
            answerUnlessUnconfirmed();
            return;
        }
        switch (outcome) {
            case COMMITTED -> answer.copyBodyToResponse();
            case FAILED -> answerUnlessUnconfirmed();
            // refused now, but perhaps answered before (e.g. its author deleted since)
            case REFUSED -> replayEarlierOr(false);
            case KEY_TAKEN -> {
                if (mayFreeExpiredKey && freedExpiredKey()) {
                    // its answer had expired, not purged yet: removed now, so the key is free again
                    run(replayable, chain, false);
                } else {
                    replayEarlierOr(true);
                }
            }
        }
    }

    /** How one attempt ended, when it ended with an answer of the handler's. */
    private enum Outcome { COMMITTED, REFUSED, FAILED, KEY_TAKEN }

    /**
     * One run of the handler in a new transaction, its answer stored and committed with it.
     * {@link SafeToRunAgain} when the handler's 503 says that the database was not reached,
     * when the session was lost before the commit (the server rolls back what it had not
     * committed), or when the commit went unconfirmed: the next run's key tells whether it had
     * happened, and replays it if so.
     */
    private Outcome attempt(HttpServletRequest replayable, FilterChain chain) {
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
                && DatabaseFailures.wroteNothingBeforeCommit(failure)) {
            rollBack(transaction);
            request.removeAttribute(DispatcherServlet.EXCEPTION_ATTRIBUTE);
            throw new SafeToRunAgain(failure);
        }
        if (answer.getStatus() >= 300) {
            rollBack(transaction);
            return answer.getStatus() < 500 ? Outcome.REFUSED : Outcome.FAILED;
        }
        try {
            if (!steps.responses().recordFirstAndCommit(subject, key, StoredResponse.of(fingerprint, answer))) {
                rollBack(transaction);
                return Outcome.KEY_TAKEN;
            }
        } catch (RuntimeException ex) {
            rollBack(transaction);
            if (DatabaseFailures.sessionLost(ex)) {
                log.warn("Commit of a keyed POST unconfirmed, running it again: {}", ex.getMessage());
                commitUnconfirmed = true;
                throw new SafeToRunAgain(ex);
            }
            throw new StoreFailure(ex);
        }
        // the COMMIT went with the stored answer (nothing marks this rollback-only): no round trip
        steps.transactions().commit(transaction);
        return Outcome.COMMITTED;
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

    /** The handler's answer, unless an attempt's commit went unconfirmed: then nobody knows yet whether the write happened. */
    private void answerUnlessUnconfirmed() throws IOException {
        if (commitUnconfirmed) {
            answerWithProblem(IdempotencyProblem.outcomeUnknown());
        } else {
            answer.copyBodyToResponse();
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
            // the connection is gone, and the write with it
            log.debug("Rollback of a keyed POST failed: {}", ex.getMessage());
        }
    }

    /** Storing the answer or committing failed for a reason of its own: answered as a problem. */
    private static final class StoreFailure extends RuntimeException {

        StoreFailure(Exception cause) {
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
