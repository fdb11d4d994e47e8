package com.hellobooks.web.filters;

import java.io.IOException;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Headers every response carries. They are set before Spring Security runs, so that a
 * request its firewall turns away, and its own 401s and 403s, get them too. Requests Tomcat
 * refuses before any filter runs get them from {@link ProblemErrorReportValve}.
 * <p>
 * {@code X-Content-Type-Options: nosniff}: browsers must not guess that a body is HTML or
 * script, whatever it holds. (Spring Security writes it as well, and keeps a value set here.)
 * <p>
 * {@code Cache-Control} is decided here instead of by Spring Security, whose default
 * {@code no-cache, no-store, max-age=0, must-revalidate} on every response would forbid a
 * cache to keep a book at all, and so to revalidate it cheaply with its ETag:
 * <ul>
 * <li>errors: {@code no-store}. A 404 or a 503 describes one moment (and carries that
 * request's correlation id); replayed by a cache after the row appears or the database is
 * back, it would be wrong;</li>
 * <li>successful GET and HEAD: {@code no-cache}. A cache may keep the answer but must ask
 * before each use: for a single resource that is an {@code If-None-Match} and a 304, a list
 * (which has no validator) is fetched again. Nothing stale is served after a write;</li>
 * <li>anything else: nothing. Caches reuse no answer to a write without explicit freshness,
 * which the API never gives.</li>
 * </ul>
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
public class ResponseHeadersFilter extends OncePerRequestFilter {

    private static final String NO_STORE = "no-store";
    private static final String NO_CACHE = "no-cache";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("X-Content-Type-Options", "nosniff");
        if (request.getDispatcherType() == DispatcherType.ERROR) {
            // the error page of a request the container or sendError failed
            response.setHeader(HttpHeaders.CACHE_CONTROL, NO_STORE);
            chain.doFilter(request, response);
            return;
        }
        String method = request.getMethod();
        if (HttpMethod.GET.matches(method) || HttpMethod.HEAD.matches(method)) {
            response.setHeader(HttpHeaders.CACHE_CONTROL, NO_CACHE);
        }
        chain.doFilter(request, new CacheAndLengthHeaders(response));
    }

    // Error dispatches get no-store, above.
    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    /**
     * {@code no-store} on errors: the status is known only once the handler sets it; every error
     * status comes through {@code setStatus} or {@code sendError}, both before the response is
     * committed.
     * <p>
     * {@code Content-Length}: MVC flushes the response after writing a {@code ResponseEntity}'s
     * body, and a flushed response is sent chunked, in two writes to the socket (the body, then
     * the last chunk), where one would do. No answer of the API streams, so the
     * flush is left to Tomcat: it sends the buffered answer when the request ends, with its
     * length (an answer longer than its buffer still goes out chunked as it fills).
     */
    private static final class CacheAndLengthHeaders extends HttpServletResponseWrapper {

        CacheAndLengthHeaders(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void flushBuffer() {
            // sent by Tomcat once the request ends, see above
        }

        @Override
        public void setStatus(int status) {
            noStoreIfError(status);
            super.setStatus(status);
        }

        @Override
        public void sendError(int status) throws IOException {
            noStoreIfError(status);
            super.sendError(status);
        }

        @Override
        public void sendError(int status, String message) throws IOException {
            noStoreIfError(status);
            super.sendError(status, message);
        }

        private void noStoreIfError(int status) {
            if (status >= 400 && !isCommitted()) {
                setHeader(HttpHeaders.CACHE_CONTROL, NO_STORE);
            }
        }
    }
}
