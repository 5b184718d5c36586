package dev.csemu.auth;

import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class AccountsTests {

	private static final String CAROL_BCRYPT = "{bcrypt}$2a$04$BDWZqpCnGR.g2LrT0PsL6.Q/CAbIcpmoHrhsHGUuzNGNOpAJCJDtq";

	private static Accounts accounts(Map<String, AuthProperties.User> users) {
		return new Accounts(new AuthProperties(users), new SecureRandom());
	}

	private static Map<String, AuthProperties.User> users() {
		Map<String, AuthProperties.User> users = new LinkedHashMap<>();
		users.put("Alice", new AuthProperties.User("alice-pw", false, null));
		users.put("carol", new AuthProperties.User(CAROL_BCRYPT, true, null));
		users.put("dave", new AuthProperties.User("{noop}dave-pw", false, null));
		return users;
	}

	@Test
	void namesMatchInAnyCaseAndResolveToTheConfiguredSpelling() {
		Accounts accounts = accounts(users());
		assertThat(accounts.verify("ALICE", "alice-pw"))
			.hasValueSatisfying((account) -> assertThat(account.name()).isEqualTo("Alice"));
		assertThat(accounts.key("aLiCe")).isEqualTo("Alice");
		assertThat(accounts.isConfigured("Alice")).isTrue();
		assertThat(accounts.key("Mallory")).isEqualTo("mallory");
		assertThat(accounts.isConfigured("mallory")).isFalse();
	}

	@Test
	void plainNoopAndBcryptPasswordsAreChecked() {
		Accounts accounts = accounts(users());
		assertThat(accounts.verify("carol", "carol-pw")).isPresent();
		assertThat(accounts.verify("dave", "dave-pw")).isPresent();
		assertThat(accounts.verify("alice", "alice-pw ")).isEmpty();
		assertThat(accounts.verify("carol", "alice-pw")).isEmpty();
		assertThat(accounts.verify("dave", "{noop}dave-pw")).isEmpty();
	}

	@Test
	void anUnknownNameNeverSignsInEvenWithItsStandInsPassword() {
		Accounts accounts = accounts(users());
		for (String password : new String[] { "alice-pw", "carol-pw", "dave-pw" }) {
			for (int i = 0; i < 50; i++) {
				assertThat(accounts.verify("mallory" + i, password)).isEmpty();
			}
		}
	}

	@Test
	void namesThatDifferOnlyInCaseAreRefusedAtStart() {
		Map<String, AuthProperties.User> users = users();
		users.put("alice", new AuthProperties.User("other", false, null));
		assertThatIllegalStateException().isThrownBy(() -> accounts(users))
			.withMessageContaining("differ only in case");
	}

}
