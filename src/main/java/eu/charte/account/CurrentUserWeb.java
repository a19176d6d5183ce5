package eu.charte.account;

import eu.charte.portal.PortalScope;
import java.util.List;
import org.springframework.core.MethodParameter;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Hands controllers the signed-in user ({@link AccountPrincipal}) and their {@link PortalScope}, and puts the
 * user in every view's model as {@code me} (null for anonymous visitors).
 */
@Component
@ControllerAdvice
class CurrentUserWeb implements HandlerMethodArgumentResolver, WebMvcConfigurer {

    private final AccountService accounts;

    CurrentUserWeb(AccountService accounts) {
        this.accounts = accounts;
    }

    static AccountPrincipal current() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.getPrincipal() instanceof AccountPrincipal p ? p : null;
    }

    @ModelAttribute("me")
    AccountPrincipal me() {
        return current();
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(this);
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == AccountPrincipal.class || parameter.getParameterType() == PortalScope.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request,
            WebDataBinderFactory binderFactory) {
        AccountPrincipal user = current();
        if (user == null) {
            throw new org.springframework.security.access.AccessDeniedException("not signed in");
        }
        return parameter.getParameterType() == PortalScope.class ? accounts.scopeOf(user) : user;
    }
}
