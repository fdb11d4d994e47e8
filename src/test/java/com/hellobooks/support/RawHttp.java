package com.hellobooks.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** HTTP/1.1 by hand, for what a client library would not send: a path as typed, a request left half sent. */
public final class RawHttp {

    public static final String BOOK = "{\"title\": \"slow\", \"description\": \"d\"}";

    private RawHttp() {
    }

    /**
     * A POST of a book that sends only part of its body: the server thread that reads it, and
     * the request's place under the load-shedding cap, stay taken until the rest is sent.
     */
    public static Socket heldPost(int port) throws IOException {
        Socket socket = new Socket("localhost", port);
        send(socket, "POST /books HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: "
                + BOOK.length() + "\r\n\r\n" + BOOK.substring(0, 10));
        return socket;
    }

    /** Sends the rest of a held POST's body and returns the status line of its answer. */
    public static String release(Socket held) throws IOException {
        send(held, BOOK.substring(10));
        return new BufferedReader(new InputStreamReader(held.getInputStream(), StandardCharsets.US_ASCII)).readLine();
    }

    /** Held POSTs, closed together however the test ends. */
    public static final class HeldPosts implements AutoCloseable {

        private final int port;
        private final List<Socket> sockets = new ArrayList<>();

        public HeldPosts(int port) {
            this.port = port;
        }

        /** One more held POST: one more server thread and place taken. */
        public void add() throws IOException {
            sockets.add(heldPost(port));
        }

        /** Sends the rest of each held POST's body; the status lines of their answers, in order. */
        public List<String> releaseAll() throws IOException {
            List<String> statusLines = new ArrayList<>();
            for (Socket socket : sockets) {
                statusLines.add(release(socket));
            }
            return statusLines;
        }

        @Override
        public void close() throws IOException {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }

    /** The status line of a GET of the path as written, or null when no answer comes within the time. */
    public static String statusLine(int port, String path, Duration within) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout((int) within.toMillis());
            send(socket, "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
        } catch (SocketTimeoutException ex) {
            return null;
        }
    }

    private static void send(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }
}
