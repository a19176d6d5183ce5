package eu.charte.web;

import eu.charte.account.AccountPrincipal;
import eu.charte.account.AccountService;
import eu.charte.account.ApiTokenAuthentication;
import eu.charte.account.LoginThrottle;
import eu.charte.account.Role;
import eu.charte.platform.PlatformCookie;
import eu.charte.platform.PlatformCookies;
import eu.charte.portal.Portal;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.DefaultCookieSerializer;

/**
 * The edge: who may do what, CSRF with the {@code csrftoken} cookie and {@code X-CSRFToken} header, the
 * {@code sessionid} cookie, bearer tokens, sign-in throttling and the security headers.
 * Access to a portal's data ({@code /api/v1/portals/{slug}/**}, {@code /admin/portals/{slug}/**}) is decided here,
 * once, from the portal resolved by the portal module: members read, portal administrators write.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class SecurityConfiguration {

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, PlatformCookies cookies, AccountService accounts,
            ApiTokenAuthentication tokens, LoginThrottle throttle, Problems problems) throws Exception {
        RequestMatcher bearer = request -> BearerTokenFilter.token(request) != null;
        // A visitor's consent (POST /api/v1/portals/{slug}/consents and its preflight) never reaches this chain: the
        // consent module answers it ahead of it (no session, no CSRF token; its Origin is checked instead), with the
        // same security headers (SecurityHeaders). Reading the ledger stays members-only, below.
        SignInHandlers signIn = new SignInHandlers(throttle);
        http
                .csrf(csrf -> csrf
                        .csrfTokenRepository(csrfTokenRepository(cookies.csrf()))
                        .csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler())
                        .ignoringRequestMatchers(bearer))
                .requestCache(cache -> cache.requestCache(new NullRequestCache()))
                .sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId()))
                .formLogin(form -> form.loginPage("/login").usernameParameter("username").passwordParameter("password")
                        .successHandler(signIn).failureHandler(signIn).permitAll())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?signedOut")
                        .deleteCookies(cookies.session().name()))
                .exceptionHandling(ex -> ex
                        .authenticationEntryPoint(new EdgeErrors.EntryPoint(problems))
                        .accessDeniedHandler(new EdgeErrors.Denied(problems)))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(SecurityHeaders.CSP))
                        .referrerPolicy(referrer -> referrer.policy(SecurityHeaders.REFERRER_POLICY))
                        .frameOptions(frame -> frame.deny()))
                .addFilterBefore(new BearerTokenFilter(tokens, problems), CsrfFilter.class)
                .addFilterBefore(new SignInThrottleFilter(throttle), UsernamePasswordAuthenticationFilter.class)
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/", "/login", "/error", "/i18n/setlang", "/css/**", "/js/**", "/favicon.ico",
                                "/actuator/health/**", "/api/v1/platform/**", "/p/**", "/.well-known/**", "/v3/api-docs").permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/v1/portals").authenticated()
                        .requestMatchers("/api/v1/portals", "/admin/portals/new", "/api/v1/users/**", "/admin/users/**")
                        .hasRole("PLATFORM_ADMIN")
                        .requestMatchers(HttpMethod.PUT, "/api/v1/portals/*").hasRole("PLATFORM_ADMIN")
                        .requestMatchers(HttpMethod.POST, "/admin/portals/*").hasRole("PLATFORM_ADMIN")
                        .requestMatchers("/api/v1/portals/*/**", "/admin/portals/*/**")
                        .access(new PortalAccess(accounts))
                        .requestMatchers("/api/**", "/admin/**").authenticated()
                        .anyRequest().permitAll());
        return http.build();
    }

    private static CookieCsrfTokenRepository csrfTokenRepository(PlatformCookie csrf) {
        CookieCsrfTokenRepository repository = new CookieCsrfTokenRepository();
        repository.setCookieName(csrf.name());
        repository.setHeaderName("X-CSRFToken");
        repository.setParameterName("csrfmiddlewaretoken");
        // No max-age here: the repository sets max-age 0 to delete the cookie (at sign-in and sign-out), and the
        // token itself is a session cookie.
        repository.setCookieCustomizer(cookie -> cookie.httpOnly(csrf.httpOnly()).secure(csrf.secure())
                .sameSite(csrf.sameSite()).path(csrf.path()));
        return repository;
    }

    /** The {@code sessionid} cookie of Spring Session, with the attributes of the platform's cookie data. */
    @Bean
    CookieSerializer cookieSerializer(PlatformCookies cookies) {
        PlatformCookie session = cookies.session();
        DefaultCookieSerializer serializer = new DefaultCookieSerializer();
        serializer.setCookieName(session.name());
        serializer.setCookiePath(session.path());
        serializer.setUseHttpOnlyCookie(session.httpOnly());
        serializer.setUseSecureCookie(session.secure());
        serializer.setSameSite(session.sameSite());
        return serializer;
    }

    /** Members of the portal read; its administrators (and platform administrators) also write. */
    record PortalAccess(AccountService accounts) implements AuthorizationManager<RequestAuthorizationContext> {

        @Override
        public AuthorizationDecision authorize(Supplier<? extends Authentication> authentication,
                RequestAuthorizationContext context) {
            HttpServletRequest request = context.getRequest();
            Authentication auth = authentication.get();
            if (auth == null || !(auth.getPrincipal() instanceof AccountPrincipal user)) {
                return new AuthorizationDecision(false);
            }
            if (!(request.getAttribute(Portal.REQUEST_ATTRIBUTE) instanceof Portal portal)) {
                // Unknown slug: let the request through to its 404.
                return new AuthorizationDecision(true);
            }
            Optional<Role> role = accounts.roleOn(user, portal);
            boolean read = switch (request.getMethod()) {
                case "GET", "HEAD", "OPTIONS" -> true;
                default -> false;
            };
            return new AuthorizationDecision(role.isPresent() && (read || role.get().mayWrite()));
        }
    }
}
