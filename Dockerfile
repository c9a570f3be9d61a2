# ChatTriageBot: one image for every replica.
#   docker build -t chattriagebot .
#   docker run --read-only --tmpfs /tmp -v chattriagebot-data:/data -p 8080:8080 --env-file .env chattriagebot
# The root filesystem can be read-only: the bot writes only under /data (mirrors, indexes, the SQLite file when
# PostgreSQL is not used) and /tmp.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore first, from the project files alone, so a source change does not download the packages again.
COPY global.json Directory.Build.props Directory.Packages.props BannedSymbols.txt .editorconfig ./
COPY src/ChatTriageBot/ChatTriageBot.csproj src/ChatTriageBot/
RUN dotnet restore src/ChatTriageBot/ChatTriageBot.csproj
# The Slack app manifests are embedded in the executable (the manifest verb).
COPY manifests/*.yaml manifests/
COPY src/ src/
RUN dotnet publish src/ChatTriageBot/ChatTriageBot.csproj -c Release --no-restore -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
# git clones and fetches the mirrors, reads history, applies patches and checks them in worktrees; ssh for ssh:// clone
# URLs; curl for the health check.
RUN apt-get update \
    && apt-get install -y --no-install-recommends git openssh-client ca-certificates curl \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app ./
# The image's unprivileged user (app, uid 1654) owns the data directory and nothing else.
RUN mkdir -p /data && chown "$APP_UID" /data
USER $APP_UID
ENV ASPNETCORE_HTTP_PORTS=8080 \
    Data__Directory=/data \
    HOME=/data \
    DOTNET_NOLOGO=1 \
    DOTNET_CLI_TELEMETRY_OPTOUT=1
VOLUME /data
EXPOSE 8080
# Liveness: /healthz answers 200 while the process runs (readiness, for a load balancer, is /readyz).
HEALTHCHECK --interval=30s --timeout=3s --start-period=30s --retries=3 \
    CMD curl -fsS -o /dev/null http://127.0.0.1:8080/healthz || exit 1
ENTRYPOINT ["dotnet", "ChatTriageBot.dll"]
