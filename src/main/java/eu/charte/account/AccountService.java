package eu.charte.account;

import eu.charte.portal.Portal;
import eu.charte.portal.PortalScope;
import eu.charte.portal.PortalService;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The account module's facade: accounts, their roles on portals, passwords and personal API tokens.
 * Every method taking a principal acts only within that user's own account or portals.
 */
@Service
public class AccountService {

    private static final String TOKEN_PREFIX = "charte_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AccountRepository repository;
    private final PortalService portals;
    private final PasswordEncoder passwords;
    private final Clock clock = Clock.systemUTC();

    AccountService(AccountRepository repository, PortalService portals, PasswordEncoder passwords) {
        this.repository = repository;
        this.portals = portals;
        this.passwords = passwords;
    }

    /** The user's role on the portal, if any; platform administrators are administrators everywhere. */
    public Optional<Role> roleOn(AccountPrincipal user, Portal portal) {
        if (user.platformAdmin()) {
            return Optional.of(Role.ADMIN);
        }
        return repository.roleOn(user.id(), portal.id());
    }

    /** The portals the user may see. */
    public PortalScope scopeOf(AccountPrincipal user) {
        if (user.platformAdmin()) {
            return PortalScope.everything();
        }
        return new PortalScope(false, repository.memberships(user.id()).stream()
                .map(AccountRepository.Membership::portalId).collect(Collectors.toSet()));
    }

    /**
     * Creates an account.
     *
     * @throws AccountProblem when the e-mail address is taken or a membership names an unknown portal
     */
    @Transactional
    public AccountView create(NewAccount account) {
        String email = normaliseEmail(account.email());
        if (repository.findByEmail(email).isPresent()) {
            throw AccountProblem.conflict("email", "an account with this e-mail address exists");
        }
        long id = repository.insert(email, passwords.encode(account.password()), account.platformAdmin(),
                clock.instant());
        for (NewAccount.Membership m : account.memberships()) {
            Portal portal = portals.findBySlug(m.portal())
                    .orElseThrow(() -> AccountProblem.invalid("memberships", "unknown portal " + m.portal()));
            repository.insertMembership(id, portal.id(), m.role());
        }
        return view(repository.findById(id).orElseThrow(), portalSlugs());
    }

    public List<AccountView> list() {
        Map<Long, String> slugs = portalSlugs();
        return repository.findAll().stream().map(a -> view(a, slugs)).toList();
    }

    /** @return false when the current password does not match (nothing changes then) */
    @Transactional
    public boolean changePassword(AccountPrincipal user, String currentPassword, String newPassword) {
        var account = repository.findById(user.id()).orElseThrow();
        if (!passwords.matches(currentPassword, account.passwordHash())) {
            return false;
        }
        repository.updatePassword(user.id(), passwords.encode(newPassword), clock.instant());
        return true;
    }

    /** Checks an e-mail address and password; empty when either is wrong (the two are not told apart). */
    Optional<AccountPrincipal> authenticate(String email, String password) {
        Optional<AccountRepository.StoredAccount> account = repository.findByEmail(normaliseEmail(email));
        if (account.isEmpty()) {
            passwords.matches(password, DUMMY_HASH.get(passwords));
            return Optional.empty();
        }
        if (!passwords.matches(password, account.get().passwordHash())) {
            return Optional.empty();
        }
        return Optional.of(account.get().principal());
    }

    /** Creates a personal API token and returns its only clear-text copy. */
    @Transactional
    public String createToken(AccountPrincipal user, String name) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        repository.insertToken(user.id(), name, sha256(token), token.substring(0, 12), clock.instant());
        return token;
    }

    public List<TokenView> tokens(AccountPrincipal user) {
        return repository.activeTokens(user.id()).stream()
                .map(t -> new TokenView(t.id(), t.name(), t.prefix(), t.createdAt(), t.lastUsedAt())).toList();
    }

    /** @return false when the token is not the user's or already revoked */
    @Transactional
    public boolean revokeToken(AccountPrincipal user, long tokenId) {
        return repository.revokeToken(user.id(), tokenId, clock.instant());
    }

    /** The owner of a valid, unrevoked token. */
    @Transactional
    public Optional<AccountPrincipal> authenticateToken(String token) {
        if (token == null || !token.startsWith(TOKEN_PREFIX) || token.length() > 100) {
            return Optional.empty();
        }
        String hash = sha256(token);
        Optional<AccountPrincipal> owner = repository.accountOfToken(hash).map(AccountRepository.StoredAccount::principal);
        owner.ifPresent(o -> repository.touchToken(hash, clock.instant()));
        return owner;
    }

    boolean isEmpty() {
        return repository.isEmpty();
    }

    private AccountView view(AccountRepository.StoredAccount a, Map<Long, String> slugs) {
        List<AccountView.PortalRole> roles = repository.memberships(a.id()).stream()
                .map(m -> new AccountView.PortalRole(slugs.getOrDefault(m.portalId(), "?"), m.role())).toList();
        return new AccountView(a.id(), a.email(), a.platformAdmin(), roles);
    }

    /** Portal id to slug, read once per call rather than once per membership. */
    private Map<Long, String> portalSlugs() {
        return portals.list(PortalScope.everything()).stream().collect(Collectors.toMap(Portal::id, Portal::slug));
    }

    static String normaliseEmail(String email) {
        return email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
    }

    static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A hash to compare against when the account does not exist, so both cases take the same time. */
    private static final class DUMMY_HASH {
        private static volatile String hash;

        static String get(PasswordEncoder encoder) {
            if (hash == null) {
                hash = encoder.encode("not a password " + RANDOM.nextLong());
            }
            return hash;
        }
    }

    /** An account as shown to platform administrators. */
    public record AccountView(long id, String email, boolean platformAdmin, List<PortalRole> memberships) {
        public record PortalRole(String portal, Role role) {
        }
    }

    /** A personal API token, without its secret. */
    public record TokenView(long id, String name, String prefix, Instant createdAt, Instant lastUsedAt) {
    }
}
