package dev.opstream.backup.store;

import dev.opstream.backup.BackupException;
import dev.opstream.backup.ExitCode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * An object upload as an {@link OutputStream}, in constant memory: data that fits one part is sent
 * with one PUT; more becomes a multipart upload whose parts are sent by a background thread while
 * the next part fills (two part buffers at most). Part sizes double every 1,000 parts so the
 * 10,000-part limit is far away.
 *
 * <p>Only {@link #finish()} makes the object exist; {@link #close()} without it aborts the upload,
 * and so does a JVM shutdown (SIGTERM, e.g. a Job's deadline), so a failed or stopped backup leaves
 * no data object and no parts behind. A process killed outright leaves an unfinished multipart
 * upload, which S3 never lists as an object and retention aborts later.
 */
public final class UploadStream extends OutputStream {

  private static final Logger LOG = LoggerFactory.getLogger(UploadStream.class);
  private static final int PARTS_PER_SIZE = 1_000;
  private static final int MAX_DOUBLINGS = 4;

  private final S3Client s3;
  private final String bucket;
  private final String key;
  private final int basePartSize;
  private final MessageDigest sha256;
  private final List<CompletedPart> parts = new ArrayList<>();
  private ExecutorService uploader;
  private volatile String uploadId;
  private Thread shutdownHook;
  private Future<CompletedPart> inFlight;
  private byte[] buffer;
  private byte[] spare;
  private int filled;
  private long bytes;
  private volatile boolean finished;
  private boolean closed;

  UploadStream(S3Client s3, String bucket, String key, int partSize) {
    this.s3 = s3;
    this.bucket = bucket;
    this.key = key;
    this.basePartSize = partSize;
    this.buffer = new byte[partSize];
    try {
      this.sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The object's key. */
  public String key() {
    return key;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] data, int offset, int length) throws IOException {
    ensureOpen();
    sha256.update(data, offset, length);
    bytes += length;
    while (length > 0) {
      int n = Math.min(length, buffer.length - filled);
      System.arraycopy(data, offset, buffer, filled, n);
      filled += n;
      offset += n;
      length -= n;
      if (filled == buffer.length) {
        sendPart();
      }
    }
  }

  /**
   * Sends what is buffered and completes the object.
   *
   * @return its size and SHA-256
   */
  public Uploaded finish() throws IOException {
    ensureOpen();
    try {
      if (uploadId == null) {
        byte[] body = buffer;
        int length = filled;
        s3.putObject(
            put -> put.bucket(bucket).key(key).contentLength((long) length),
            RequestBody.fromContentProvider(
                () -> new ByteArrayInputStream(body, 0, length), length, "application/zstd"));
      } else {
        if (filled > 0) {
          sendPart();
        }
        awaitInFlight();
        s3.completeMultipartUpload(
            complete ->
                complete
                    .bucket(bucket)
                    .key(key)
                    .uploadId(uploadId)
                    .multipartUpload(upload -> upload.parts(parts)));
      }
    } catch (SdkException e) {
      throw S3Errors.translate(e, bucket, "upload " + key);
    }
    finished = true;
    removeShutdownHook();
    LOG.debug("Uploaded {} ({} bytes, {} parts)", key, bytes, Math.max(1, parts.size()));
    return new Uploaded(key, bytes, HexFormat.of().formatHex(sha256.digest()));
  }

  /** Ends the upload; unless {@link #finish()} succeeded, the object is not created. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    buffer = null;
    spare = null;
    if (uploader != null) {
      uploader.shutdownNow();
    }
    removeShutdownHook();
    abortUnfinished();
  }

  private void abortUnfinished() {
    String id = uploadId;
    if (finished || id == null) {
      return;
    }
    try {
      s3.abortMultipartUpload(abort -> abort.bucket(bucket).key(key).uploadId(id));
      LOG.info("Aborted the unfinished upload of {}", key);
    } catch (SdkException e) {
      LOG.warn("Cannot abort the upload of {} (the next backup's retention will): {}", key, e);
    }
  }

  private void addShutdownHook() {
    shutdownHook = new Thread(this::abortUnfinished, "abort-upload");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  private void removeShutdownHook() {
    if (shutdownHook == null) {
      return;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // the JVM is shutting down: the hook runs (or ran) anyway
    }
    shutdownHook = null;
  }

  private void sendPart() throws IOException {
    try {
      if (uploadId == null) {
        uploadId =
            s3.createMultipartUpload(
                    create -> create.bucket(bucket).key(key).contentType("application/zstd"))
                .uploadId();
        addShutdownHook();
        uploader =
            Executors.newSingleThreadExecutor(
                task -> {
                  Thread thread = new Thread(task, "s3-upload");
                  thread.setDaemon(true);
                  return thread;
                });
      }
    } catch (SdkException e) {
      throw S3Errors.translate(e, bucket, "start uploading " + key);
    }
    awaitInFlight();
    int partNumber = parts.size() + 1;
    byte[] body = buffer;
    int length = filled;
    inFlight = uploader.submit(() -> uploadPart(partNumber, body, length));
    int nextSize = partSize(partNumber + 1);
    buffer = spare != null && spare.length == nextSize ? spare : new byte[nextSize];
    spare = body.length == nextSize ? body : null;
    filled = 0;
  }

  private CompletedPart uploadPart(int partNumber, byte[] body, int length) {
    String etag =
        s3.uploadPart(
                part ->
                    part.bucket(bucket)
                        .key(key)
                        .uploadId(uploadId)
                        .partNumber(partNumber)
                        .contentLength((long) length),
                RequestBody.fromContentProvider(
                    () -> new ByteArrayInputStream(body, 0, length), length, "application/zstd"))
            .eTag();
    LOG.info("Uploaded part {} of {} ({} bytes)", partNumber, key, length);
    return CompletedPart.builder().partNumber(partNumber).eTag(etag).build();
  }

  private void awaitInFlight() throws IOException {
    if (inFlight == null) {
      return;
    }
    try {
      parts.add(inFlight.get());
      inFlight = null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while uploading " + key);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof SdkException sdk) {
        throw S3Errors.translate(sdk, bucket, "upload part of " + key);
      }
      throw new BackupException(
          ExitCode.FAILED, "cannot upload a part of " + key + ": " + e.getCause(), e.getCause());
    }
  }

  int partSize(int partNumber) {
    int doublings = Math.min(MAX_DOUBLINGS, (partNumber - 1) / PARTS_PER_SIZE);
    return basePartSize << doublings;
  }

  private void ensureOpen() throws IOException {
    if (closed || finished) {
      throw new IOException("the upload of " + key + " has ended");
    }
  }

  /**
   * A completed object.
   *
   * @param key its key
   * @param bytes its size
   * @param sha256 its SHA-256, lower-case hex
   */
  public record Uploaded(String key, long bytes, String sha256) {}
}
