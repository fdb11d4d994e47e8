package com.hellobooks.web.routing;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Spring MVC's mapping of requests to controller methods, with one change: a mapping's path is
 * tried before its other conditions. Which mapping wins does not change, only how fast the
 * others lose.
 * <p>
 * A path with a variable in it, such as {@code /books/7}, cannot be looked up directly, so
 * Spring MVC tries every mapping the application has, 30 here, and checks each one's method,
 * {@code consumes} and {@code produces} before its path. The {@code produces} check reads the
 * request's {@code Accept} media types and builds a new condition for each mapping that accepts
 * them, only for most to fail on the path afterwards. Checked first, the path refuses those
 * mappings at their first segment.
 */
class PathFirstHandlerMapping extends RequestMappingHandlerMapping {

    @Override
    protected RequestMappingInfo getMatchingMapping(RequestMappingInfo info, HttpServletRequest request) {
        PathPatternsRequestCondition paths = info.getPathPatternsCondition();
        if (paths != null && paths.getMatchingCondition(request) == null) {
            return null;
        }
        return super.getMatchingMapping(info, request);
    }
}
