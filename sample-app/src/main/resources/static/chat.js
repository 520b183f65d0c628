// The sample's chat page: streams GET /chat/stream through EventSource and shows each event.
// Events: unnamed = answer text, "reasoning", "tool" (JSON), "done" (JSON), "error" (RFC 9457 JSON).
'use strict';

(() => {
	const transcript = document.getElementById('transcript');
	const form = document.getElementById('composer');
	const input = document.getElementById('message');
	const tools = document.getElementById('tools');
	const send = document.getElementById('send');
	const stop = document.getElementById('stop');
	let current = null; // the stream in flight: { source, turn, ... }

	form.addEventListener('submit', (event) => {
		event.preventDefault();
		ask(input.value);
	});

	input.addEventListener('keydown', (event) => {
		if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
			event.preventDefault();
			form.requestSubmit();
		}
	});

	input.addEventListener('input', autoGrow);

	stop.addEventListener('click', () => {
		if (current) {
			// Closing the EventSource cancels the request, and the app stops the server's generation.
			current.source.close();
			finish(current, 'stopped');
		}
	});

	document.querySelectorAll('.example').forEach((button) => {
		button.addEventListener('click', () => {
			tools.checked = button.dataset.tools === 'true';
			ask(button.dataset.message);
		});
	});

	function ask(text) {
		const message = (text || '').trim();
		if (!message || current) {
			return;
		}
		document.getElementById('intro')?.remove();
		input.value = '';
		autoGrow();
		appendUserTurn(message);
		const turn = document.getElementById('assistant-turn').content.firstElementChild.cloneNode(true);
		transcript.appendChild(turn);
		const params = new URLSearchParams({ message });
		if (tools.checked) {
			params.set('tools', 'true');
		}
		const stream = {
			source: new EventSource('chat/stream?' + params),
			turn,
			answer: turn.querySelector('.answer'),
			started: performance.now(),
			firstToken: null,
			ended: false,
		};
		current = stream;
		setBusy(true);
		scrollToEnd(true);

		stream.source.onmessage = (event) => {
			firstToken(stream);
			stream.answer.textContent += event.data;
			scrollToEnd();
		};
		stream.source.addEventListener('reasoning', (event) => {
			firstToken(stream);
			const details = turn.querySelector('.reasoning');
			details.hidden = false;
			turn.querySelector('.reasoning-text').textContent += event.data;
			scrollToEnd();
		});
		stream.source.addEventListener('tool', (event) => {
			firstToken(stream);
			showToolCall(turn, JSON.parse(event.data));
			scrollToEnd();
		});
		stream.source.addEventListener('done', (event) => {
			stream.source.close();
			showStats(stream, JSON.parse(event.data));
			finish(stream, 'done');
		});
		// Both the app's final "error" event (a MessageEvent carrying a problem detail) and
		// EventSource's own connection errors (a plain Event) arrive here.
		stream.source.addEventListener('error', (event) => {
			// Close at once: EventSource would otherwise reconnect and ask the model again.
			stream.source.close();
			if (stream.ended) {
				return;
			}
			if (typeof event.data === 'string') {
				showProblem(stream, JSON.parse(event.data));
			}
			else if (stream.source.readyState === EventSource.CLOSED && !stream.firstToken) {
				// A failure before the stream started comes as an HTTP error status, which
				// EventSource does not expose; the status badge then tells what is wrong.
				showProblem(stream, {
					title: 'The answer could not be started',
					detail: 'The sample app answered with an error before streaming. The status badge above shows the MLX-LM server\'s state.',
				});
			}
			else {
				showProblem(stream, {
					title: 'Connection lost',
					detail: 'The connection to the sample app closed before the answer was complete.',
				});
			}
			refreshStatus();
		});
	}

	function appendUserTurn(message) {
		const turn = document.getElementById('user-turn').content.firstElementChild.cloneNode(true);
		turn.querySelector('.question').textContent = message;
		transcript.appendChild(turn);
	}

	function firstToken(stream) {
		if (stream.firstToken === null) {
			stream.firstToken = performance.now();
		}
	}

	function showToolCall(turn, call) {
		const list = turn.querySelector('.tools');
		list.hidden = false;
		const item = document.getElementById('tool-call').content.firstElementChild.cloneNode(true);
		const args = Object.entries(call.arguments || {})
			.map(([name, value]) => name + ': ' + JSON.stringify(value))
			.join(', ');
		item.querySelector('.tool-call').textContent = call.name + '(' + args + ')';
		item.querySelector('.tool-result').textContent = call.result;
		list.appendChild(item);
	}

	function showStats(stream, done) {
		const stats = stream.turn.querySelector('.stats');
		const usage = done.usage || {};
		const now = performance.now();
		stats.querySelector('.stat-finish').textContent = done.finishReason || '–';
		stats.querySelector('.stat-prompt').textContent = tokens(usage.promptTokens);
		stats.querySelector('.stat-completion').textContent = tokens(usage.completionTokens);
		stats.querySelector('.stat-ttft').textContent = stream.firstToken !== null
			? formatMillis(stream.firstToken - stream.started) : '–';
		// As the starter's metric: tokens after the first, over the time since the first. After a
		// tool round trip the usage adds up several requests, some generated before the first
		// event arrived, so no honest speed can be derived from it.
		const roundTrip = stream.turn.querySelector('.tools .tool') !== null;
		const seconds = stream.firstToken !== null ? (now - stream.firstToken) / 1000 : 0;
		const speed = !roundTrip && usage.completionTokens > 1 && seconds > 0.001
			? (usage.completionTokens - 1) / seconds : null;
		const speedText = stats.querySelector('.stat-speed');
		speedText.textContent = speed !== null ? speed.toFixed(1) + ' tokens/s' : '–';
		if (roundTrip) {
			stats.title = 'Token counts add up all requests of the tool round trip';
			speedText.title = 'Not measured across a tool round trip';
		}
		stats.hidden = false;
	}

	function showProblem(stream, problem) {
		const box = stream.turn.querySelector('.problem');
		const status = problem.status ? problem.status + ' · ' : '';
		box.querySelector('.problem-title').textContent = status + (problem.title || 'Error');
		box.querySelector('.problem-detail').textContent = problem.detail || '';
		box.hidden = false;
		finish(stream, 'error');
	}

	function finish(stream, state) {
		stream.ended = true;
		stream.turn.dataset.state = state;
		stream.answer.setAttribute('aria-busy', 'false');
		if (current === stream) {
			current = null;
		}
		setBusy(false);
		scrollToEnd();
		refreshStatus();
		input.focus();
	}

	function setBusy(busy) {
		send.disabled = busy;
		stop.hidden = !busy;
		document.querySelectorAll('.example').forEach((button) => { button.disabled = busy; });
	}

	function tokens(count) {
		return typeof count === 'number' ? count + (count === 1 ? ' token' : ' tokens') : '–';
	}

	function formatMillis(millis) {
		return millis < 1000 ? Math.round(millis) + ' ms' : (millis / 1000).toFixed(2) + ' s';
	}

	function autoGrow() {
		input.style.height = 'auto';
		input.style.height = Math.min(input.scrollHeight, 200) + 'px';
	}

	function scrollToEnd(force) {
		const nearEnd = window.innerHeight + window.scrollY >= document.body.scrollHeight - 160;
		if (force || nearEnd) {
			window.scrollTo(0, document.body.scrollHeight);
		}
	}

	// The badge: the mlxlm health component's status and the model it detected.
	async function refreshStatus() {
		const badge = document.getElementById('status');
		const text = document.getElementById('status-text');
		const model = document.getElementById('status-model');
		try {
			// Health answers 503 with the same JSON body when DOWN, so the status code is not checked.
			const response = await fetch('actuator/health', { headers: { Accept: 'application/json' } });
			const health = await response.json();
			const mlxlm = (health.components && health.components.mlxlm) || {};
			const details = mlxlm.details || {};
			const status = mlxlm.status || health.status || 'UNKNOWN';
			badge.dataset.status = status;
			setText(text, status);
			if (details.model) {
				setText(model, details.model.split('/').pop() + (details.modelGuessed ? ' (guessed)' : ''));
				badge.title = 'Model ' + details.model + (details.baseUrl ? ' at ' + details.baseUrl : '');
			}
			else {
				setText(model, details.error ? 'no model' : '');
				badge.title = details.error || '';
			}
		}
		catch (error) {
			badge.dataset.status = 'UNKNOWN';
			setText(text, 'unavailable');
			setText(model, '');
			badge.title = 'The sample app did not answer /actuator/health';
		}
	}

	// The badge is a live region: rewriting the same text would make screen readers repeat it.
	function setText(element, value) {
		if (element.textContent !== value) {
			element.textContent = value;
		}
	}

	refreshStatus();
	setInterval(refreshStatus, 30000);
	input.focus();
})();
