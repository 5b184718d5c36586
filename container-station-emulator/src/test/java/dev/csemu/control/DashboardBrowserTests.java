package dev.csemu.control;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.csemu.support.ControlRequest;
import dev.csemu.support.OpenApiValidation;
import dev.csemu.support.SignIn;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/**
 * The dashboard in a real, headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}), used as a person would. Without them the tests fail: run
 * {@code .ci/install-browser} as root. A failing test leaves a screenshot under
 * {@code target/}.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
		"emulator.control.token=" + DashboardBrowserTests.TOKEN, "emulator.users.alice.password=alice-password" })
class DashboardBrowserTests {

	static final String TOKEN = "browser-test-token";

	private static final Path CHROMIUM = Path.of(System.getProperty("dashboard.chromium", "/usr/bin/chromium"));

	private static final Path CHROMEDRIVER = Path
		.of(System.getProperty("webdriver.chrome.driver", "/usr/bin/chromedriver"));

	private static final Duration PATIENCE = Duration.ofSeconds(5);

	private static ChromeDriver driver;

	private static Path profile;

	@RegisterExtension
	static final TestWatcher screenshotOnFailure = new TestWatcher() {

		@Override
		public void testFailed(ExtensionContext context, Throwable cause) {
			if (driver != null) {
				screenshot(
						Path.of("target", "dashboard-failure-" + context.getRequiredTestMethod().getName() + ".png"));
			}
		}

	};

	@LocalServerPort
	int port;

	@BeforeAll
	static void startChromium() throws IOException {
		if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
			fail("The dashboard's browser tests need Chromium at " + CHROMIUM + " and chromedriver at " + CHROMEDRIVER
					+ " (Debian: apt-get install chromium chromium-driver, or run .ci/install-browser as root)");
		}
		profile = Files.createTempDirectory("dashboard-chromium-");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
				"--window-size=1280,860", "--user-data-dir=" + profile);
		options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		driver = new ChromeDriver(service, options);
	}

	@AfterAll
	static void stopChromium() throws IOException {
		if (driver != null) {
			driver.quit();
			driver = null;
		}
		if (profile != null) {
			try (var files = Files.walk(profile)) {
				files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
			}
		}
	}

	@BeforeEach
	void freshEmulatorAndTab() {
		control().body("{}").post("/_emulator/reset").then().statusCode(200);
		// A new tab's state: no token kept for the emulator's origin.
		driver.get("http://127.0.0.1:" + this.port + "/_emulator/health");
		((JavascriptExecutor) driver).executeScript("window.sessionStorage.clear()");
	}

	@AfterEach
	void thePageBrokeNoContentSecurityPolicy() {
		List<String> refused = driver.manage()
			.logs()
			.get(LogType.BROWSER)
			.getAll()
			.stream()
			.map(LogEntry::getMessage)
			.filter((message) -> message.contains("Content Security Policy") || message.contains("Refused to"))
			.toList();
		assertThat(refused).isEmpty();
	}

	@Test
	void theLinkFromTheStartUpLogOpensThePageAndASignInThroughTheApiShowsUp(CapturedOutput output) {
		Matcher link = Pattern.compile("Dashboard: (http://\\S+/_emulator/ui/#token=(\\S+))").matcher(output.getAll());
		assertThat(link.find()).as("the start-up log prints the dashboard's link").isTrue();
		assertThat(link.group(2)).isEqualTo(TOKEN);
		driver.get(link.group(1).replace("localhost", "127.0.0.1"));
		waitFor(By.id("app"));
		// The token leaves the address bar at once; the tab keeps it.
		assertThat(driver.getCurrentUrl()).doesNotContain(TOKEN);
		String sid = SignIn.as(this.port, "alice", "alice-password");
		panel("sessions");
		By alice = By.cssSelector("#sessions tr[data-user='alice']");
		waitFor(alice);
		assertThat(textOf(alice)).contains("alice", "password", "127.0.0.1", "session");
		click(By.cssSelector("#sessions tr[data-user='alice'] button.end-session"));
		waitUntilGone(By.cssSelector("#sessions tr[data-user='alice']"));
		given().port(this.port).cookie(SignIn.COOKIE, sid).get(SignIn.API + "/login_refresh").then().statusCode(401);
	}

	@Test
	void thePageAsksForTheTokenOnceAndRefusesAWrongOne() {
		driver.get(ui());
		WebElement input = waitFor(By.id("token-input"));
		input.sendKeys("wrong-token");
		driver.findElement(By.cssSelector("#token-form button")).click();
		new WebDriverWait(driver, PATIENCE)
			.until(ExpectedConditions.textToBePresentInElementLocated(By.id("token-error"), "refused"));
		driver.findElement(By.id("token-input")).sendKeys(TOKEN);
		driver.findElement(By.cssSelector("#token-form button")).click();
		waitFor(By.id("overview"));
		new WebDriverWait(driver, PATIENCE)
			.until(ExpectedConditions.textToBePresentInElementLocated(By.id("overview"), "Host source"));
		// Kept in the tab: a reload needs no token.
		driver.navigate().refresh();
		waitFor(By.id("app"));
		assertThat(driver.findElement(By.id("sign-in")).isDisplayed()).isFalse();
	}

	@Test
	void aRequestAppearsLiveWithinASecondAndOpensWithItsHeaders() {
		openWithToken();
		panel("requests");
		new WebDriverWait(driver, PATIENCE)
			.until(ExpectedConditions.textToBePresentInElementLocated(By.id("live-badge"), "live"));
		String path = SignIn.API + "/system";
		long sent = System.nanoTime();
		given().port(this.port).header("X-Emulator-Scope", "browser").get(path).then().statusCode(401);
		By row = By.cssSelector("#requests tr[data-path='" + path + "']");
		new WebDriverWait(driver, Duration.ofSeconds(1), Duration.ofMillis(20))
			.until(ExpectedConditions.presenceOfElementLocated(row));
		assertThat(Duration.ofNanos(System.nanoTime() - sent)).isLessThan(Duration.ofSeconds(1));
		// The table is drawn again as entries arrive: read and click what is there now.
		assertThat(textOf(row)).contains("GET", path, "401", "browser");
		click(row);
		WebElement detail = driver.findElement(By.id("request-detail"));
		assertThat(detail.getText()).contains("GET " + path, "Headers (redacted)", "X-Emulator-Scope browser");
		// Filters: another status hides it.
		driver.findElement(By.id("filter-status")).sendKeys("2xx");
		waitUntilGone(By.cssSelector("#requests tr[data-path='" + path + "']"));
		driver.findElement(By.id("filter-status")).clear();
		driver.findElement(By.id("filter-status")).sendKeys("4xx");
		waitFor(By.cssSelector("#requests tr[data-path='" + path + "']"));
		// A few more requests of a client's session, for the picture in docs/.
		driver.findElement(By.id("filter-status")).clear();
		String sid = SignIn.asAdmin(this.port);
		SignIn.getJson(this.port, sid, path);
		SignIn.getJson(this.port, sid, SignIn.API + "/system/resource");
		waitFor(By.cssSelector("#requests tr[data-path='" + SignIn.API + "/system/resource']"));
		click(row);
		screenshot(Path.of("target", "dashboard.png"));
	}

	@Test
	void advancingTheClockByTenHundredSixtyDaysShowsTheClientCertificatesWarning() {
		openWithToken();
		panel("certificates");
		waitFor(By.cssSelector("#certificates tr[data-role='client']"));
		assertThat(driver.findElement(By.id("cert-warning")).isDisplayed()).isFalse();
		panel("clock");
		driver.findElement(By.id("advance-input")).sendKeys("P1060D");
		driver.findElement(By.cssSelector("#advance-form button")).click();
		new WebDriverWait(driver, PATIENCE)
			.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "Clock advanced"));
		panel("certificates");
		WebElement warning = new WebDriverWait(driver, PATIENCE)
			.until(ExpectedConditions.visibilityOfElementLocated(By.id("cert-warning")));
		assertThat(warning.getText()).contains("client certificate expires in", "outdatedNotify");
		String daysLeft = textOf(By.cssSelector("#certificates tr[data-role='client'] td.days-left"));
		assertThat(Integer.parseInt(daysLeft)).isBetween(18, 20);
		// The emulated API agrees with the page (a new session: the clock's jump ended
		// the
		// old ones).
		String sid = SignIn.asAdmin(this.port);
		given().port(this.port)
			.cookie(SignIn.COOKIE, sid)
			.get(SignIn.API + "/tls")
			.then()
			.statusCode(200)
			.body("outdatedNotify", equalTo(true));
	}

	@Test
	void aFaultArmedFromThePageAnswersTheNextLoginWith503() {
		openWithToken();
		panel("faults");
		driver.findElement(By.id("fault-method")).sendKeys("POST");
		driver.findElement(By.id("fault-path")).sendKeys("/login");
		driver.findElement(By.id("fault-status")).sendKeys("503");
		driver.findElement(By.id("fault-times")).sendKeys("1");
		driver.findElement(By.id("fault-add")).click();
		waitFor(By.cssSelector("#faults tr[data-id]"));
		assertThat(textOf(By.cssSelector("#faults tr[data-id]"))).contains("POST", "/login", "503");
		given().port(this.port)
			.noFiltersOfType(OpenApiValidation.ResponseValidationFilter.class)
			.contentType(ContentType.JSON)
			.body("{\"username\": \"admin\", \"password\": \"admin\"}")
			.post(SignIn.API + "/login")
			.then()
			.statusCode(503);
		new WebDriverWait(driver, PATIENCE).until(ExpectedConditions
			.textToBePresentInElementLocated(By.cssSelector("#faults tr[data-id] td.applied"), "1"));
		// Once only: the next login passes.
		SignIn.asAdmin(this.port);
	}

	@Test
	void theHostPanelChartsTheSamplerAndSetsAnOverrideThatTheApiReports() {
		String sid = SignIn.asAdmin(this.port);
		openWithToken();
		panel("host");
		// Present, not visible: until the history's second point (5 s) the line has no
		// length.
		new WebDriverWait(driver, PATIENCE)
			.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#host-chart svg path.cpu")));
		driver.findElement(By.id("res-cpu")).sendKeys("42.5");
		driver.findElement(By.id("res-total")).sendKeys("1000");
		driver.findElement(By.id("res-used")).sendKeys("250");
		driver.findElement(By.id("res-buffers")).sendKeys("10");
		driver.findElement(By.id("res-cached")).sendKeys("20");
		driver.findElement(By.cssSelector("#resource-form button[type='submit']")).click();
		new WebDriverWait(driver, PATIENCE)
			.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "Resource figures set"));
		given().port(this.port)
			.cookie(SignIn.COOKIE, sid)
			.get(SignIn.API + "/system/resource")
			.then()
			.statusCode(200)
			.body("cpu_usage", equalTo("42.5"));
		screenshot(Path.of("target", "dashboard-host.png"));
	}

	@Test
	void resetFromThePageEndsSessionsFaultsAndTheShiftedClock() {
		SignIn.asAdmin(this.port);
		control().body("{\"path\": \"/system\", \"status\": 500}").post("/_emulator/faults").then().statusCode(201);
		control().body("{\"advance\": \"P1D\"}").put("/_emulator/clock").then().statusCode(200);
		openWithToken();
		panel("snapshots");
		driver.findElement(By.id("reset")).click();
		new WebDriverWait(driver, PATIENCE)
			.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "Emulator reset"));
		control().get("/_emulator/sessions").then().body("$", hasSize(0));
		control().get("/_emulator/faults").then().body("$", hasSize(0));
		control().get("/_emulator/clock").then().body("system", equalTo(true));
	}

	private void openWithToken() {
		driver.get(ui() + "#token=" + TOKEN);
		waitFor(By.id("app"));
	}

	private String ui() {
		return "http://127.0.0.1:" + this.port + "/_emulator/ui/";
	}

	private static void panel(String name) {
		driver.findElement(By.cssSelector("nav button[data-panel='" + name + "']")).click();
		new WebDriverWait(driver, PATIENCE)
			.until(ExpectedConditions.visibilityOfElementLocated(By.id("panel-" + name)));
	}

	private static WebElement waitFor(By locator) {
		return new WebDriverWait(driver, PATIENCE).until(ExpectedConditions.visibilityOfElementLocated(locator));
	}

	private static String textOf(By locator) {
		return new WebDriverWait(driver, PATIENCE).ignoring(StaleElementReferenceException.class)
			.until((browser) -> browser.findElement(locator).getText());
	}

	private static void click(By locator) {
		new WebDriverWait(driver, PATIENCE).ignoring(StaleElementReferenceException.class).until((browser) -> {
			browser.findElement(locator).click();
			return true;
		});
	}

	private static void waitUntilGone(By locator) {
		new WebDriverWait(driver, PATIENCE).until(ExpectedConditions.invisibilityOfElementLocated(locator));
	}

	private static void screenshot(Path target) {
		try {
			Files.createDirectories(target.getParent());
			File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
			Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException | RuntimeException ex) {
			System.err.println("Could not save a screenshot to " + target + ": " + ex);
		}
	}

	private RequestSpecification control() {
		return ControlRequest.to(this.port, TOKEN);
	}

}
