# syntax=docker/dockerfile:1
# Build stage: the Maven wrapper builds the jar (tests run in CI, not here).
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline
COPY src/ src/
RUN ./mvnw -B -q package -DskipTests \
    && cp target/container-station-emulator-*.jar /src/app.jar

# Runtime stage: a JRE, a non-root user, config and certs as volumes.
FROM eclipse-temurin:17-jre
RUN groupadd --system emulator && useradd --system --gid emulator --home-dir /app emulator \
    && apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /src/app.jar /app/app.jar
COPY config/application.yml /app/config/application.yml
RUN mkdir -p /app/certs && chown -R emulator:emulator /app
USER emulator
# Inside a container the emulator must listen on every address to be reachable.
ENV SERVER_ADDRESS=0.0.0.0 QPORT=8080
EXPOSE 8080 2376
VOLUME ["/app/config", "/app/certs"]
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
    CMD curl -fsS "http://127.0.0.1:${QPORT}/_emulator/health" || exit 1
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
