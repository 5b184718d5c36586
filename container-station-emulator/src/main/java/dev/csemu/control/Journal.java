package dev.csemu.control;

import dev.csemu.web.ClassifiedRequest;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The last {@code capacity} requests, newest first: a bounded ring that can never grow
 * memory without limit.
 */
final class Journal {

	private final int capacity;

	private final ArrayDeque<JournalEntry> entries;

	private final List<Consumer<JournalEntry>> listeners = new CopyOnWriteArrayList<>();

	Journal(int capacity) {
		this.capacity = capacity;
		this.entries = new ArrayDeque<>(Math.min(capacity, 1024));
	}

	void record(JournalEntry entry) {
		synchronized (this.entries) {
			if (this.entries.size() == this.capacity) {
				this.entries.removeLast();
			}
			this.entries.addFirst(entry);
		}
		this.listeners.forEach((listener) -> listener.accept(entry));
	}

	/**
	 * Tells a listener of every entry recorded from now on, on the recording thread: it
	 * must return at once.
	 * @param listener the listener
	 */
	void onRecord(Consumer<JournalEntry> listener) {
		this.listeners.add(listener);
	}

	/**
	 * The entries that pass the filter, newest first.
	 * @param filter what to keep
	 * @return a copy
	 */
	List<JournalEntry> find(Filter filter) {
		List<JournalEntry> found = new ArrayList<>();
		synchronized (this.entries) {
			for (Iterator<JournalEntry> it = this.entries.iterator(); it.hasNext();) {
				JournalEntry entry = it.next();
				if (filter.test(entry)) {
					found.add(entry);
				}
			}
		}
		return found;
	}

	int count(Filter filter) {
		int count = 0;
		synchronized (this.entries) {
			for (JournalEntry entry : this.entries) {
				if (filter.test(entry)) {
					count++;
				}
			}
		}
		return count;
	}

	void clear() {
		synchronized (this.entries) {
			this.entries.clear();
		}
	}

	/**
	 * Which entries to list: each criterion that is set must hold.
	 */
	static final class Filter implements Predicate<JournalEntry> {

		static final Filter ALL = new Filter(null, null, null, null);

		private final String method;

		private final RoutePattern path;

		private final String scope;

		private final Instant since;

		/**
		 * A filter.
		 * @param method the HTTP method, or null
		 * @param path a route or path pattern ({@code /login}, {@code /system/**}), or
		 * null
		 * @param scope the scope header's value, or null
		 * @param since only entries at or after this instant, or null
		 */
		Filter(String method, String path, String scope, Instant since) {
			this.method = (method != null) ? method.toUpperCase(Locale.ROOT) : null;
			this.path = (path != null) ? RoutePattern.parse(path) : null;
			this.scope = scope;
			this.since = since;
		}

		@Override
		public boolean test(JournalEntry entry) {
			if (this.method != null && !this.method.equals(entry.method())) {
				return false;
			}
			if (this.scope != null && !this.scope.equals(entry.scope())) {
				return false;
			}
			if (this.since != null && entry.time().isBefore(this.since)) {
				return false;
			}
			return this.path == null || this.path.matches(ClassifiedRequest.ofPath(entry.path()));
		}

	}

}
