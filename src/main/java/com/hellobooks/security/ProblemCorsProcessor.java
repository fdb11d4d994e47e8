package com.hellobooks.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.cors.DefaultCorsProcessor;

/**
 * Refuses a cross-origin request from an origin that is not allowed with a 403 problem, like
 * every other error of the API, instead of Spring's plain-text "Invalid CORS request".
 */
final class ProblemCorsProcessor extends DefaultCorsProcessor {

    @Override
    protected void rejectRequest(ServerHttpResponse response) throws IOException {
        if (response instanceof ServletServerHttpResponse servlet) {
            // The error dispatch renders it, through ProblemErrorController.
            servlet.getServletResponse().sendError(HttpServletResponse.SC_FORBIDDEN,
                    "Cross-origin requests from this origin are not allowed");
            return;
        }
        super.rejectRequest(response);
    }
}
