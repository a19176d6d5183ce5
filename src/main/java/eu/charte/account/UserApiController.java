package eu.charte.account;

import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** REST API for accounts (platform administrators only, enforced at the edge) and the caller's own identity. */
@RestController
@RequestMapping("/api/v1")
class UserApiController {

    private final AccountService accounts;

    UserApiController(AccountService accounts) {
        this.accounts = accounts;
    }

    @GetMapping("/users")
    List<AccountService.AccountView> list() {
        return accounts.list();
    }

    @PostMapping("/users")
    ResponseEntity<AccountService.AccountView> create(@Valid @RequestBody NewAccount account) {
        var created = accounts.create(account);
        return ResponseEntity.created(URI.create("/api/v1/users/" + created.id())).body(created);
    }

    @GetMapping("/me")
    AccountPrincipal me(AccountPrincipal me) {
        return me;
    }
}
