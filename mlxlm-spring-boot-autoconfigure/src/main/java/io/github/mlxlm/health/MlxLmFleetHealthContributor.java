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

package io.github.mlxlm.health;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.github.mlxlm.client.MlxLmClient;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.health.contributor.CompositeReactiveHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthContributor;
import org.springframework.boot.health.contributor.ReactiveHealthContributors;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * Health of several MLX-LM servers: one component per server, named {@code host:port},
 * each showing what {@link MlxLmHealthIndicator} shows for one server.
 * <p>
 * The fleet is UP while any server that serves the configured model is UP (any server
 * when no model is configured; a server of unknown model when none is known to serve it),
 * because the load balancer then routes around the others. A server that is down while
 * the fleet still serves therefore reports {@link #OUT_OF_ROTATION} instead of DOWN, with
 * the same details: Boot's status aggregation ignores statuses it does not order, so the
 * fleet stays UP. When no server serving the model is up, the down servers report DOWN
 * and so does the fleet. When every server is known to serve another model than the
 * configured one, those that are up report OUT_OF_SERVICE with
 * {@code modelAvailable=false} and a {@code modelNote}, and so does the fleet: the first
 * request would make one of them download or load the model.
 * <p>
 * The servers are asked for at every check (discovery may change them), off the event
 * loop, since discovery clients may block; the components are those of the last check.
 * All servers are checked together, and the components of one health request share that
 * check.
 *
 * @author mlxlm developers
 * @since 0.1.0
 */
public class MlxLmFleetHealthContributor implements CompositeReactiveHealthContributor {

	/**
	 * Status of a server that is down while other servers serve the model.
	 */
	public static final Status OUT_OF_ROTATION = new Status("OUT_OF_ROTATION",
			"Down; the load balancer routes around it while other servers serve the model");

	// Long enough for the components of one health request to share a check, short enough
	// that the next request checks again.
	private static final Duration SHARED_CHECK = Duration.ofSeconds(1);

	private final Supplier<List<Member>> members;

	private final @Nullable String model;

	private final Function<MlxLmClient, MlxLmHealthIndicator> indicatorFactory;

	private final Map<String, MlxLmHealthIndicator> indicators = new ConcurrentHashMap<>();

	private final Mono<Map<String, Health>> check;

	private volatile @Nullable List<Member> known;

	/**
	 * Create a new contributor.
	 * @param members the servers, asked for at every check
	 * @param model the configured model; {@code null}, blank or {@code default_model} for
	 * the servers' own
	 * @param indicatorFactory builds the indicator of one server from its client
	 */
	public MlxLmFleetHealthContributor(Supplier<List<Member>> members, @Nullable String model,
			Function<MlxLmClient, MlxLmHealthIndicator> indicatorFactory) {
		Assert.notNull(members, "'members' must not be null");
		Assert.notNull(indicatorFactory, "'indicatorFactory' must not be null");
		this.members = members;
		this.model = (!StringUtils.hasText(model) || MlxLmClient.DEFAULT_MODEL.equals(model.strip())) ? null
				: model.strip();
		this.indicatorFactory = indicatorFactory;
		this.check = Mono.defer(this::checkAll).cache(SHARED_CHECK);
	}

	@Override
	public @Nullable ReactiveHealthContributor getContributor(String name) {
		return members().stream().anyMatch((member) -> member.name().equals(name)) ? component(name) : null;
	}

	@Override
	public Stream<ReactiveHealthContributors.Entry> stream() {
		return members().stream()
			.map((member) -> new ReactiveHealthContributors.Entry(member.name(), component(member.name())));
	}

	/*
	 * The servers as the last check listed them: asking discovery can block (Consul,
	 * Eureka, Kubernetes clients), and the health endpoint asks for components on an
	 * event loop. Only the first request, before any check, lists them where it runs.
	 */
	private List<Member> members() {
		List<Member> known = this.known;
		return (known != null) ? known : refresh();
	}

	private List<Member> refresh() {
		List<Member> members = this.members.get();
		this.known = members;
		return members;
	}

	private ReactiveHealthIndicator component(String name) {
		return () -> this.check.mapNotNull((healths) -> healths.get(name))
			.switchIfEmpty(
					Mono.fromSupplier(() -> Health.unknown().withDetail("error", "no longer discovered").build()));
	}

	private Mono<Map<String, Health>> checkAll() {
		// Discovery is asked off the event loop: its clients may block.
		return Mono.fromCallable(this::refresh).subscribeOn(Schedulers.boundedElastic()).flatMap((members) -> {
			// Servers that left discovery are forgotten: no indicator per server ever
			// seen.
			this.indicators.keySet().retainAll(members.stream().map(Member::name).collect(Collectors.toSet()));
			return Flux.fromIterable(members)
				.flatMapSequential((member) -> indicator(member).health()
					.defaultIfEmpty(Health.unknown().build())
					.map((health) -> new Checked(member, health)))
				.collectList()
				.map(this::judge);
		});
	}

	/**
	 * Return the servers this holds a health indicator for.
	 * @return their names
	 */
	public Set<String> servers() {
		return Set.copyOf(this.indicators.keySet());
	}

	private MlxLmHealthIndicator indicator(Member member) {
		return this.indicators.computeIfAbsent(member.name(), (name) -> this.indicatorFactory.apply(member.client()));
	}

	private Map<String, Health> judge(List<Checked> checked) {
		boolean serving = checked.stream().anyMatch((c) -> c.up() && servesModel(c));
		if (!serving && this.model != null) {
			// No server is known to serve it: one of unknown model may (routing sends
			// there too).
			serving = checked.stream().anyMatch((c) -> c.up() && c.model() == null);
		}
		// Every server is known to serve another model: none has the configured one.
		boolean noneHasModel = this.model != null
				&& checked.stream().noneMatch((c) -> c.model() == null || servesModel(c));
		Map<String, Health> healths = new LinkedHashMap<>();
		for (Checked c : checked) {
			Health health = c.health();
			if (serving && Status.DOWN.equals(health.getStatus())) {
				health = Health.status(OUT_OF_ROTATION).withDetails(health.getDetails()).build();
			}
			else if (noneHasModel && c.up()) {
				// Up, but no server has the model: the first request makes one download
				// or
				// load it. Not ready, so a readiness probe stays out.
				health = Health.status(Status.OUT_OF_SERVICE)
					.withDetails(health.getDetails())
					.withDetail("modelAvailable", false)
					.withDetail("modelNote",
							"no server of the fleet serves model " + this.model
									+ ": the first request makes a server download or load it, evicting its own model")
					.build();
			}
			healths.put(c.member().name(), health);
		}
		return healths;
	}

	private boolean servesModel(Checked checked) {
		return this.model == null || this.model.equals(checked.model());
	}

	/**
	 * One server of the fleet.
	 *
	 * @param name the component name, such as {@code 10.0.0.7:8080}
	 * @param client the server's own client
	 * @param declaredModel the model its discovery metadata declares, or {@code null}
	 */
	public record Member(String name, MlxLmClient client, @Nullable String declaredModel) {

		public Member {
			Assert.hasText(name, "'name' must not be empty");
			Assert.isTrue(!name.contains("/"), "'name' must not contain '/'");
			Objects.requireNonNull(client, "'client' must not be null");
		}

	}

	private record Checked(Member member, Health health) {

		boolean up() {
			return Status.UP.equals(this.health.getStatus());
		}

		/*
		 * The model it serves: declared, else detected (a guess counts as unknown).
		 */
		@Nullable String model() {
			if (this.member.declaredModel() != null) {
				return this.member.declaredModel();
			}
			Map<String, Object> details = this.health.getDetails();
			if (Boolean.TRUE.equals(details.get("modelGuessed"))) {
				return null;
			}
			return (details.get("model") instanceof String detected) ? detected : null;
		}

	}

}
