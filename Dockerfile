# syntax=docker/dockerfile:1
# The clientvpn-exporter image: the Native AOT binary, compiled by the .NET SDK on the build machine's own
# architecture for the target one, run on the chiseled runtime-deps image (no .NET runtime, no shell, no
# package manager) as its non-root "app" user.
#
#   docker buildx build --platform linux/amd64,linux/arm64 \
#     --build-arg VERSION=0.1.0 --build-arg REVISION=$(git rev-parse HEAD) --build-arg CREATED=$(date -u +%FT%TZ) \
#     -t clientvpn-exporter:0.1.0 .
#   docker run --rm -p 9926:9926 clientvpn-exporter:0.1.0 --demo --urls http://+:9926
#
# Multi-arch: Native AOT links with the target's C runtime and zlib, so it does not cross-compile out of the box.
# The build stage always runs on $BUILDPLATFORM (no emulation: the runtime stage has no RUN either), from the SDK's
# -aot image (clang, llvm and zlib for its own architecture); for another target it adds that architecture's gcc
# cross toolchain and zlib from Ubuntu's archive, as the .NET images' cross-compilation samples do.
#
# The test suite (tests/ClientVpnExporter.EndToEnd.Tests, Image/) runs this build stage's COPY and RUN steps
# as written, then starts the published output as a non-root user with --demo and scrapes it.

ARG DOTNET_VERSION=10.0

FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION}-noble-aot AS build
ARG TARGETARCH
ARG BUILDARCH
WORKDIR /src

# Only when cross-compiling: the target architecture's C runtime (with its gcc) and zlib, from Ubuntu's archive
# for that architecture (ports for arm64); the build architecture's sources are pinned to it.
RUN if [ "$TARGETARCH" != "$BUILDARCH" ]; then \
      case "$TARGETARCH" in \
        arm64) triple=aarch64-linux-gnu archive=http://ports.ubuntu.com/ubuntu-ports/ ;; \
        amd64) triple=x86-64-linux-gnu archive=http://archive.ubuntu.com/ubuntu/ ;; \
        *) echo "no Native AOT cross toolchain for $TARGETARCH" >&2; exit 1 ;; \
      esac \
      && sed -i "/^Signed-By/a Architectures: $BUILDARCH" /etc/apt/sources.list.d/ubuntu.sources \
      && printf 'Types: deb\nURIs: %s\nSuites: noble noble-updates\nComponents: main restricted\nSigned-By: /usr/share/keyrings/ubuntu-archive-keyring.gpg\nArchitectures: %s\n' \
           "$archive" "$TARGETARCH" > "/etc/apt/sources.list.d/$TARGETARCH.sources" \
      && dpkg --add-architecture "$TARGETARCH" \
      && apt-get update \
      && apt-get install -y --no-install-recommends "gcc-$triple" "zlib1g-dev:$TARGETARCH" \
      && rm -rf /var/lib/apt/lists/*; \
    fi

# Restore from the project files alone, so this layer is reused until a dependency changes.
COPY Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/ClientVpnExporter/ClientVpnExporter.csproj src/ClientVpnExporter/
COPY src/ClientVpnSimulator/ClientVpnSimulator.csproj src/ClientVpnSimulator/
RUN dotnet restore src/ClientVpnExporter/ClientVpnExporter.csproj -a $TARGETARCH

# Native AOT (PublishAot in the project), trim and AOT warnings as errors; the debug symbols stay out of the image.
COPY src/ src/
RUN dotnet publish src/ClientVpnExporter/ClientVpnExporter.csproj --no-restore -c Release -a $TARGETARCH -o /app \
    && rm -f /app/*.dbg

FROM mcr.microsoft.com/dotnet/runtime-deps:${DOTNET_VERSION}-noble-chiseled AS runtime
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
      org.opencontainers.image.base.name="mcr.microsoft.com/dotnet/runtime-deps:${DOTNET_VERSION}-noble-chiseled"

WORKDIR /app
COPY --from=build /app ./

# The exporter's port on every interface, and not the base image's ASPNETCORE_HTTP_PORTS=8080; workstation GC
# keeps a small, steady footprint for one poller.
ENV ASPNETCORE_URLS=http://+:9926 \
    ASPNETCORE_HTTP_PORTS= \
    DOTNET_gcServer=0

# The chiseled images' non-root "app" user (uid 1654).
USER $APP_UID
EXPOSE 9926
ENTRYPOINT ["./clientvpn-exporter"]
