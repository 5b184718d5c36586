# syntax=docker/dockerfile:1
# Build stage: the Maven wrapper builds the jar (tests run in CI, not here), then a training
# run records a class data sharing archive so that the emulator starts faster.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline
COPY src/ src/
RUN ./mvnw -B -q package -DskipTests \
    && java -Djarmode=tools -jar target/container-station-emulator-*-exec.jar extract --destination /app \
    && mv /app/container-station-emulator-*-exec.jar /app/app.jar
# Training run: start the application context, record the classes it loaded, exit. The
# archive is only valid for this jar at this path, which is where the runtime stage keeps it.
RUN cd /tmp && java -XX:ArchiveClassesAtExit=/app/emulator.jsa -Dspring.context.exit=onRefresh \
        -jar /app/app.jar \
        --emulator.tls.dir=/tmp/training-certs --emulator.tls.key-type=ec-p256 \
        --emulator.docker.tls-port=0 --emulator.control.token=training --server.port=0 \
    && rm -rf /tmp/training-certs

# Runtime stage: a JRE, a non-root user, config and certs as volumes.
FROM eclipse-temurin:17-jre
RUN groupadd --system emulator && useradd --system --gid emulator --home-dir /app emulator \
    && apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app/ /app/
COPY config/application.yml /app/config/application.yml
RUN mkdir -p /app/certs && chown -R emulator:emulator /app
USER emulator
# Inside a container the emulator must listen on every address to be reachable.
ENV SERVER_ADDRESS=0.0.0.0 QPORT=8080
EXPOSE 8080 2376
VOLUME ["/app/config", "/app/certs"]
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
    CMD curl -fsS "http://127.0.0.1:${QPORT}/_emulator/health" || exit 1
ENTRYPOINT ["java", "-XX:SharedArchiveFile=/app/emulator.jsa", "-Xshare:auto", "-jar", "/app/app.jar"]
