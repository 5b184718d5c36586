# The emulator's image, made from the jar that Maven built (no Maven inside the image build):
#
#   ./mvnw -B -DskipTests package
#   docker build -t container-station-emulator .
#
# BASE_IMAGE is any Java 17+ runtime image with a shell; where no registry can be reached, a
# base made from Debian packages serves as well (docs/container.md shows how).
ARG BASE_IMAGE=eclipse-temurin:17-jre

# The Spring Boot jar, extracted: the application jar and its lib/ folder in layers that change
# at different rates (dependencies seldom, the application at every build). Class data sharing
# needs plain jars on the class path, which the nested jars of the fat jar are not.
FROM ${BASE_IMAGE} AS extract
WORKDIR /extract
ARG JAR_FILE=container-station-emulator/target/container-station-emulator-*.jar
COPY ${JAR_FILE} app.jar
RUN java -Djarmode=tools -jar app.jar extract --layers --destination layers

FROM ${BASE_IMAGE}
# curl for the health check (eclipse-temurin and the Debian base have it already), and a
# non-root user with a fixed id written straight into /etc/passwd, which every base has
# (useradd is not in every base). Only /app/certs is the user's to write.
RUN if ! command -v curl >/dev/null; then \
        apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*; \
    fi \
    && echo 'emulator:x:10001:10001:Container Station Emulator:/app:/usr/sbin/nologin' >> /etc/passwd \
    && echo 'emulator:x:10001:' >> /etc/group \
    && mkdir -p /app/config /app/certs \
    && chown 10001:10001 /app/certs && chmod 700 /app/certs
WORKDIR /app
COPY --from=extract /extract/layers/dependencies/ ./
COPY --from=extract /extract/layers/spring-boot-loader/ ./
COPY --from=extract /extract/layers/snapshot-dependencies/ ./
COPY --from=extract /extract/layers/application/ ./
COPY config/application.yml /app/config/application.yml

# Inside a container the emulator listens on every address, or the mapped ports reach nothing.
# A generated control token goes to /tmp (set EMULATOR_CONTROL_TOKEN to choose one instead).
ENV SERVER_ADDRESS=0.0.0.0 \
    QPORT=8080 \
    EMULATOR_CONTROL_TOKENFILE=/tmp/control-token

# Training run, as bin/fast-start does it: start the emulator (the first start's TLS material
# included), sign in, read each system route, stop it; the JVM records the classes it loaded in
# a class data sharing archive at exit. The archive is valid for these jars at these paths only,
# which is where the emulator runs from.
RUN java -XX:ArchiveClassesAtExit=/app/app.jsa -Xlog:cds=off -Xlog:cds+dynamic=off -jar /app/app.jar \
        --emulator.tls.dir=/tmp/training-certs --emulator.control.token=training \
        --server.port=18080 --emulator.docker.tls-port=0 > /tmp/training.log 2>&1 & \
    pid=$!; \
    for i in $(seq 900); do curl -fsS -o /dev/null http://127.0.0.1:18080/_emulator/health && break; sleep 0.1; done; \
    api=http://127.0.0.1:18080/container-station/api/v1; \
    session=$(curl -fsS -D - -o /dev/null -H 'Content-Type: application/json' \
        -d '{"username": "admin", "password": "admin"}' "$api/login" \
        | tr -d '\r' | sed -n 's/^Set-Cookie: CS_SESS_ID=\([^;]*\).*/\1/p'); \
    for route in system system/resource tls; do curl -fsS -o /dev/null -b "CS_SESS_ID=$session" "$api/$route"; done; \
    kill $pid; wait $pid; \
    if [ ! -s /app/app.jsa ] || [ -z "$session" ]; then cat /tmp/training.log; exit 1; fi; \
    rm -rf /tmp/training-certs /tmp/training.log /tmp/control-token

USER 10001:10001
EXPOSE 8080 2376
VOLUME ["/app/config", "/app/certs"]
# The interval is also how soon after start Docker can first report "healthy".
HEALTHCHECK --interval=2s --timeout=2s --start-period=30s --retries=3 \
    CMD curl -fsS -o /dev/null "http://127.0.0.1:${QPORT}/_emulator/health" || exit 1
ENTRYPOINT ["java", "-XX:SharedArchiveFile=/app/app.jsa", "-Xshare:auto", "-jar", "/app/app.jar"]
