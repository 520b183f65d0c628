/*
 * Copyright 2025-present the original author or authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package io.github.mlxlm.sample;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import io.github.mlxlm.autoconfigure.simulator.MlxLmSimulatorBuilderCustomizer;
import io.github.mlxlm.simulator.MlxLmSimulator;
import io.github.mlxlm.simulator.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chat page in a real browser (headless Chromium from Debian's {@code chromium} and
 * {@code chromium-driver} packages) against the embedded simulator: the streamed answer,
 * reasoning, tool calls, the status badge and the error event.
 *
 * <p>
 * Never skipped: CI installs Chromium ({@code .ci/run}), so a missing driver is a failure
 * that says what to install. {@code -Dmlxlm.screenshot=true} writes the screenshot to
 * {@code docs/chat-page.png}; otherwise it goes to {@code target/}, so that ordinary runs
 * leave tracked files alone.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		// Slow enough that the answer visibly streams, fast enough for a short test.
		properties = "mlxlm.simulator.tokens-per-second=60")
class ChatPageBrowserTests {

	static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	static final String MODEL = "mlx-community/Qwen3-4B-Instruct-2507-4bit";

	static final String[] CHUNKS = { "Hello", " world", ", this  answer keeps", " its  spaces", " exactly." };

	static ChromeDriverService service;

	static ChromeDriver browser;

	static Path profile;

	@LocalServerPort
	int port;

	@Autowired
	MlxLmSimulator simulator;

	@BeforeAll
	static void startBrowser() throws IOException {
		assertThat(CHROMEDRIVER)
			.as("chromedriver is missing at %s: install Debian's packages with "
					+ "'apt-get update && apt-get install -y chromium chromium-driver' (.ci/run does this)",
					CHROMEDRIVER)
			.isExecutable();
		assertThat(CHROMIUM).as("chromium is missing at %s: 'apt-get install -y chromium'", CHROMIUM).isExecutable();
		profile = Files.createTempDirectory("chat-page-chromium");
		// Selenium Manager cannot download anything here: name the driver and the
		// browser.
		service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
			// No network on CI: background connections (updates, sync) would only fail
			// and slow down.
			.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
					"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
					"--user-data-dir=" + profile, "--window-size=1280,900", "--force-device-scale-factor=1");
		browser = new ChromeDriver(service, options);
	}

	@AfterAll
	static void stopBrowser() throws IOException {
		if (browser != null) {
			browser.quit();
		}
		if (service != null) {
			service.stop();
		}
		if (profile != null) {
			try (Stream<Path> files = Files.walk(profile)) {
				files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
			}
		}
	}

	@BeforeEach
	void openPage() {
		browser.manage().window().setSize(new Dimension(1280, 900));
		browser.get("http://localhost:" + this.port + "/");
	}

	@AfterEach
	void clearFaults() {
		this.simulator.faults().clear();
	}

	@Test
	void answerStreamsInExactlyAsScriptedWithFinishUsageAndTimings() {
		WebElement turn = ask("Spaces please", false);
		assertThat(turn.getDomAttribute("data-state")).isEqualTo("done");
		// textContent, not getText(): the DOM string itself, every space kept.
		assertThat(turn.findElement(By.cssSelector(".answer")).getDomProperty("textContent"))
			.isEqualTo(String.join("", CHUNKS));
		assertThat(turn.findElements(By.cssSelector(".reasoning")).get(0).isDisplayed()).isFalse();
		assertThat(text(turn, ".stat-finish")).isEqualTo("stop");
		assertThat(text(turn, ".stat-prompt")).matches("[1-9]\\d* tokens?");
		assertThat(text(turn, ".stat-completion")).matches("[1-9]\\d* tokens?");
		assertThat(text(turn, ".stat-ttft")).matches("\\d+ ms|\\d+\\.\\d\\d s");
		assertThat(text(turn, ".stat-speed")).matches("\\d+\\.\\d tokens/s");
	}

	@Test
	void badgeShowsTheHealthStatusAndTheDetectedModel() {
		WebElement badge = browser.findElement(By.id("status"));
		waitUntil().until(ExpectedConditions.attributeToBe(badge, "data-status", "UP"));
		assertThat(text(badge, "#status-text")).isEqualTo("UP");
		assertThat(text(badge, "#status-model")).isEqualTo("Qwen3-4B-Instruct-2507-4bit");
		assertThat(badge.getDomAttribute("title")).contains(MODEL);
	}

	@Test
	void reasoningIsInACollapsedDetailsBlockApartFromTheAnswer() {
		WebElement turn = ask("Please think: what is 6 times 7?", false);
		WebElement reasoning = turn.findElement(By.cssSelector("details.reasoning"));
		assertThat(reasoning.isDisplayed()).isTrue();
		assertThat(reasoning.getDomProperty("open")).isEqualTo("false");
		assertThat(turn.findElement(By.cssSelector(".reasoning-text")).getDomProperty("textContent"))
			.isEqualTo("The user asks me to think first. 6 times 7 is 42.");
		assertThat(turn.findElement(By.cssSelector(".answer")).getDomProperty("textContent"))
			.isEqualTo("The answer is 42.");
	}

	@Test
	void toolCallsAppearInToolsMode() {
		WebElement turn = ask("What is the weather in Oslo?", true);
		List<WebElement> calls = turn.findElements(By.cssSelector(".tools .tool"));
		assertThat(calls).hasSize(1);
		assertThat(text(calls.get(0), ".tool-call")).isEqualTo("get_weather(city: \"Oslo\", unit: \"celsius\")");
		assertThat(text(calls.get(0), ".tool-result")).contains("Forecast for Oslo: 18 °C");
		assertThat(text(turn, ".answer")).contains("18 °C");
		assertThat(text(turn, ".stat-finish")).isEqualTo("stop");
		// The usage spans both requests of the round trip: no speed can be derived
		// from it.
		assertThat(text(turn, ".stat-speed")).isEqualTo("–");
	}

	@Test
	void streamCutByTheServerShowsTheErrorEvent() {
		this.simulator.faults().stopStreamAfterChunks(2);
		WebElement turn = ask("Spaces please", false);
		assertThat(turn.getDomAttribute("data-state")).isEqualTo("error");
		// The text that arrived stays, and the problem says what happened.
		assertThat(turn.findElement(By.cssSelector(".answer")).getDomProperty("textContent")).isEqualTo("Hello world");
		assertThat(text(turn, ".problem-title")).isEqualTo("502 · MLX-LM server dropped the connection");
		assertThat(text(turn, ".problem-detail")).contains(this.simulator.baseUrl())
			.contains("the answer is incomplete");
		assertThat(turn.findElement(By.cssSelector(".stats")).isDisplayed()).isFalse();
	}

	@Test
	void screenshotOfFinishedAnswers() throws IOException {
		// One answer first, then a fresh page: the picture should show warm timings, not
		// the JVM loading classes for the context's first chat.
		ask("Spaces please", false);
		browser.navigate().refresh();
		ask("What is the weather in Oslo?", true);
		WebElement turn = ask("Please think: what is 6 times 7?", false);
		turn.findElement(By.cssSelector("details.reasoning summary")).click();
		waitUntil().until((driver) -> "true"
			.equals(turn.findElement(By.cssSelector("details.reasoning")).getDomProperty("open")));
		waitUntil().until(ExpectedConditions.attributeToBe(By.id("status"), "data-status", "UP"));
		Path target = Boolean.getBoolean("mlxlm.screenshot") ? Path.of("..", "docs", "chat-page.png")
				: Path.of("target", "chat-page.png");
		Files.createDirectories(target.toAbsolutePath().getParent());
		Files.write(target, browser.getScreenshotAs(OutputType.BYTES));
		assertThat(target).isNotEmptyFile();
	}

	/**
	 * Type a question, send it, and wait until its answer has finished (done or error).
	 */
	private WebElement ask(String message, boolean tools) {
		int before = browser.findElements(By.cssSelector(".turn.assistant")).size();
		WebElement toolsBox = browser.findElement(By.id("tools"));
		if (toolsBox.isSelected() != tools) {
			toolsBox.click();
		}
		WebElement input = browser.findElement(By.id("message"));
		input.sendKeys(message);
		browser.findElement(By.id("send")).click();
		waitUntil().until((driver) -> driver.findElements(By.cssSelector(".turn.assistant")).size() > before);
		WebElement turn = browser.findElements(By.cssSelector(".turn.assistant")).get(before);
		waitUntil().until((driver) -> !"streaming".equals(turn.getDomAttribute("data-state")));
		return turn;
	}

	private static WebDriverWait waitUntil() {
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
		wait.pollingEvery(Duration.ofMillis(50));
		return wait;
	}

	private static String text(WebElement parent, String selector) {
		return parent.findElement(By.cssSelector(selector)).getText();
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Scripts {

		@Bean
		MlxLmSimulatorBuilderCustomizer spacedReply() {
			return (builder) -> builder.script("Spaces please", Reply.chunks(CHUNKS));
		}

	}

}
