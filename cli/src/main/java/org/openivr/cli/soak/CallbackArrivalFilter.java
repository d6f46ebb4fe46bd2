package org.openivr.cli.soak;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;

/**
 * Stamps each callback POST the moment Tomcat hands it to the filter chain, before the API authenticates, parses
 * and signals it: the "event in" of {@link EventToAction}. Registered first in the chain by {@code ivr soak} only.
 */
final class CallbackArrivalFilter implements Filter {
    static final String PATH = "/api/callbacks/";
    private final EventToAction eventToAction;

    CallbackArrivalFilter(EventToAction eventToAction) {
        this.eventToAction = eventToAction;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        long arrived = System.nanoTime();
        if (request instanceof HttpServletRequest http && "POST".equals(http.getMethod())) {
            String uri = http.getRequestURI();
            int at = uri.indexOf(PATH);
            if (at >= 0) {
                eventToAction.callbackArrived(uri.substring(at + PATH.length()), arrived);
            }
        }
        chain.doFilter(request, response);
    }
}
