package dev.opstream.localstack.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;

class FreePortsTest {

  @Test
  void picksDistinctPortsThatCanBeBoundOnLoopback() throws IOException {
    List<Integer> ports = FreePorts.pick(3);

    assertThat(ports).doesNotHaveDuplicates().allSatisfy(p -> assertThat(p).isPositive());
    for (int port : ports) {
      try (ServerSocket socket = new ServerSocket()) {
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        assertThat(socket.getLocalPort()).isEqualTo(port);
      }
    }
  }
}
