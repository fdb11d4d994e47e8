package com.hellobooks.security;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.util.StringUtils;

/**
 * 401 and 403 as problems. Spring Security's bearer-token handlers set the status and the
 * {@code WWW-Authenticate} header RFC 6750 asks for (with {@code error="invalid_token"} or
 * {@code "insufficient_scope"}); then {@code sendError} hands the response to the error
 * dispatch, where {@code ProblemErrorController} writes the body as it does for every error
 * raised outside Spring MVC. The headers set here survive that dispatch.
 */
final class SecurityProblems implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final AuthenticationEntryPoint bearerEntryPoint = new BearerTokenAuthenticationEntryPoint();
    private final AccessDeniedHandler bearerAccessDenied = new BearerTokenAccessDeniedHandler();

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
            throws IOException, ServletException {
        bearerEntryPoint.commence(request, response, ex);
        // The error's description is already in WWW-Authenticate: it is about the client's own
        // token (expired, bad signature, malformed), never about the server.
        String detail = ex instanceof OAuth2AuthenticationException oauth && StringUtils.hasText(oauth.getError().getDescription())
                ? "Invalid access token: " + oauth.getError().getDescription()
                : "Authentication required: send an access token as 'Authorization: Bearer <token>'";
        // 401, or 400 for RFC 6750's invalid_request (say, a token sent both as header and parameter)
        response.sendError(response.getStatus(), detail);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex)
            throws IOException, ServletException {
        bearerAccessDenied.handle(request, response, ex);
        // Only writes ask for more than a valid token, so a valid token that is refused lacks the scope.
        response.sendError(HttpServletResponse.SC_FORBIDDEN,
                "The access token lacks the " + SecurityConfiguration.WRITE_SCOPE + " scope needed to change data");
    }
}
