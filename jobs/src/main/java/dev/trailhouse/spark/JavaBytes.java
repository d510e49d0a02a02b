package dev.trailhouse.spark;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.UncheckedIOException;

/**
 * Java serialization to and from bytes, for what tasks receive and return. Spark moves task inputs
 * and results with the cluster's serializer; EMR's templates set Kryo, whose field serializer
 * cannot handle Java records. Shipping byte arrays works under either serializer.
 */
public final class JavaBytes {
  private JavaBytes() {}

  public static byte[] of(Object o) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(o);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  @SuppressWarnings("unchecked")
  public static <T> T read(byte[] b) {
    // Classes resolve through the context class loader: on a cluster that is the one holding the
    // job jar.
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(b)) {
          @Override
          protected Class<?> resolveClass(ObjectStreamClass desc)
              throws IOException, ClassNotFoundException {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            try {
              return Class.forName(
                  desc.getName(),
                  false,
                  loader == null ? JavaBytes.class.getClassLoader() : loader);
            } catch (ClassNotFoundException e) {
              return super.resolveClass(desc);
            }
          }
        }) {
      return (T) in.readObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }
}
