package com.hellobooks.web.filters;

import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request an id, returned in {@code X-Request-Id} and written into every log line
 * of the request, so that a 500 the client reports can be found in the log. A caller's own
 * {@code X-Request-Id} is kept when it is a plain token.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class CorrelationIdFilter extends OncePerRequestFilter {

    public static final String HEADER = "X-Request-Id";
    static final String MDC_KEY = "correlation_id";
    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /** The current request's id, or null outside a request. */
    public static String currentId() {
        return MDC.get(MDC_KEY);
    }

    /** The id already sent for this request, else the caller's own if it is a plain token, else a new one. */
    static String idFor(String sent, String given) {
        if (sent != null) {
            return sent;
        }
        return given != null && ACCEPTABLE.matcher(given).matches() ? given : newId();
    }

    /**
     * A random (version 4) UUID from the thread's own generator. An id must be unique, not
     * unguessable: UUID.randomUUID() draws on one SecureRandom behind a lock, and under overload
     * (500 clients, 2 cores) requests queued on it for up to 5 s, probes on their own port too.
     */
    static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = random.nextLong() & ~0xF000L | 0x4000L;
        long low = random.nextLong() & ~(0xCL << 60) | 0x8L << 60;
        return new UUID(high, low).toString();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // An error dispatch (sendError, then /error) comes after the request's own pass has ended:
        // keep the id that pass already sent, so header, body and log lines agree.
        String id = idFor(response.getHeader(HEADER), request.getHeader(HEADER));
        response.setHeader(HEADER, id);
        MDC.put(MDC_KEY, id);
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(MDC_KEY);
        }
    }

    // Error dispatches (the servlet container's /error) must keep the id too.
    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }
}
