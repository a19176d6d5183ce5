package eu.charte.web;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** Localised error pages for people when a page's controller refuses a request (unknown portal, bad parameter). */
@ControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class PageExceptionHandler {

    @ExceptionHandler(ErrorResponseException.class)
    String errorResponse(ErrorResponseException ex, HttpServletResponse response, Model model) {
        HttpStatus status = HttpStatus.valueOf(ex.getStatusCode().value());
        response.setStatus(status.value());
        return ErrorPages.page(model, status, false);
    }

    @ExceptionHandler({MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class})
    String badRequest(HttpServletResponse response, Model model) {
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        return ErrorPages.page(model, HttpStatus.BAD_REQUEST, false);
    }
}
