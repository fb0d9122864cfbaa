# syntax=docker/dockerfile:1
# The clientvpn-exporter image: published with the .NET SDK for the target architecture, run on the chiseled
# ASP.NET runtime image (no shell, no package manager) as its non-root "app" user.
#
#   docker buildx build --platform linux/amd64,linux/arm64 \
#     --build-arg VERSION=0.1.0 --build-arg REVISION=$(git rev-parse HEAD) --build-arg CREATED=$(date -u +%FT%TZ) \
#     -t clientvpn-exporter:0.1.0 .
#   docker run --rm -p 9926:9926 clientvpn-exporter:0.1.0 --demo --urls http://+:9926
#
# The test suite (tests/ClientVpnExporter.EndToEnd.Tests, Image/) runs this build stage's COPY and RUN steps
# as written, then starts the published output as a non-root user with --demo and scrapes it.

ARG DOTNET_VERSION=10.0

FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build
ARG TARGETARCH
WORKDIR /src

# Restore from the project files alone, so this layer is reused until a dependency changes.
COPY Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/ClientVpnExporter/ClientVpnExporter.csproj src/ClientVpnExporter/
COPY src/ClientVpnSimulator/ClientVpnSimulator.csproj src/ClientVpnSimulator/
RUN dotnet restore src/ClientVpnExporter/ClientVpnExporter.csproj -a $TARGETARCH

COPY src/ src/
RUN dotnet publish src/ClientVpnExporter/ClientVpnExporter.csproj --no-restore -c Release -a $TARGETARCH --self-contained false -o /app

FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION}-noble-chiseled AS runtime
ARG DOTNET_VERSION
ARG VERSION=0.1.0
ARG REVISION=unknown
ARG CREATED=unknown
LABEL org.opencontainers.image.title="clientvpn-exporter" \
      org.opencontainers.image.description="Prometheus exporter for AWS Client VPN connections" \
      org.opencontainers.image.source="https://github.com/clientvpn-exporter/clientvpn-exporter" \
      org.opencontainers.image.url="https://github.com/clientvpn-exporter/clientvpn-exporter" \
      org.opencontainers.image.documentation="https://github.com/clientvpn-exporter/clientvpn-exporter#readme" \
      org.opencontainers.image.vendor="clientvpn-exporter contributors" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.created="${CREATED}" \
      org.opencontainers.image.base.name="mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION}-noble-chiseled"

WORKDIR /app
COPY --from=build /app ./

# The exporter's port on every interface; workstation GC keeps a small, steady footprint for one poller.
ENV ASPNETCORE_URLS=http://+:9926 \
    ASPNETCORE_HTTP_PORTS= \
    DOTNET_gcServer=0

# The chiseled images' non-root "app" user (uid 1654).
USER $APP_UID
EXPOSE 9926
ENTRYPOINT ["./clientvpn-exporter"]
