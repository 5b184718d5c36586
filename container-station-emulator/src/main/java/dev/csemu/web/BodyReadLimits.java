package dev.csemu.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.Semaphore;

/**
 * How long and how many request bodies may be read at once. Reading a body holds one of
 * the container's threads; a client that dribbles its body a byte at a time would hold it
 * for as long as it likes, and 200 such clients would hold them all. So a body must
 * arrive whole within {@code deadline} (each read also waits at most the connector's
 * connection timeout), and at most {@code maxConcurrent} bodies are read at once: beyond,
 * the request is answered 503 at once, and threads stay free for everything else.
 */
final class BodyReadLimits {

	private final Semaphore readers;

	private final long deadlineNanos;

	BodyReadLimits(int maxConcurrent, Duration deadline) {
		this.readers = new Semaphore(maxConcurrent);
		this.deadlineNanos = deadline.toNanos();
	}

	/**
	 * Reads a body.
	 * @param in the body's stream
	 * @param max how many bytes to read at most
	 * @return the bytes read, up to {@code max}
	 * @throws IOException when the client went away or the body did not arrive within the
	 * deadline
	 * @throws BusyException when too many bodies are being read
	 */
	byte[] read(InputStream in, int max) throws IOException {
		if (!this.readers.tryAcquire()) {
			throw new BusyException();
		}
		try {
			long start = System.nanoTime();
			ByteArrayOutputStream body = new ByteArrayOutputStream(Math.min(max, 1024));
			byte[] buffer = new byte[Math.min(max, 8192)];
			int total = 0;
			while (total < max) {
				int read = in.read(buffer, 0, Math.min(buffer.length, max - total));
				if (read < 0) {
					break;
				}
				body.write(buffer, 0, read);
				total += read;
				if (System.nanoTime() - start > this.deadlineNanos) {
					throw new IOException("request body not received in time");
				}
			}
			return body.toByteArray();
		}
		finally {
			this.readers.release();
		}
	}

	/** Too many bodies are being read at once. */
	static final class BusyException extends IOException {

		BusyException() {
			super("too many request bodies in progress; try again");
		}

	}

}
