# syntax=docker/dockerfile:1
# BlendPOS production image: one ASP.NET Core app serving pages, /v1 and the built front end.
#   docker build -t blendpos .        (compose.prod.yml does this for you)

# ---- 1. Front end: wwwroot-src (npm + esbuild) -> BlendPos.Web/wwwroot ----------------------
FROM node:20-bookworm-slim AS frontend
WORKDIR /src/wwwroot-src
COPY wwwroot-src/package.json wwwroot-src/package-lock.json wwwroot-src/.npmrc ./
RUN npm ci --no-audit --no-fund
COPY wwwroot-src/ ./
# build.mjs writes into ../BlendPos.Web/wwwroot, i.e. /src/BlendPos.Web/wwwroot
RUN mkdir -p ../BlendPos.Web/wwwroot && node build.mjs

# ---- 2. .NET build: restore, then publish with the front end already built -------------------
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
WORKDIR /src
# Restore first, from the project files only, so the package layer is cached across code changes.
COPY global.json Directory.Build.* Directory.Packages.props ./
COPY BlendPos.Domain/BlendPos.Domain.csproj BlendPos.Domain/
COPY BlendPos.Web/BlendPos.Web.csproj BlendPos.Web/Frontend.targets BlendPos.Web/
RUN dotnet restore BlendPos.Web/BlendPos.Web.csproj
COPY BlendPos.Domain/ BlendPos.Domain/
COPY BlendPos.Web/ BlendPos.Web/
COPY --from=frontend /src/BlendPos.Web/wwwroot/ BlendPos.Web/wwwroot/
RUN dotnet publish BlendPos.Web/BlendPos.Web.csproj -c Release -o /app --no-restore \
      -p:SkipFrontendBuild=true -p:UseAppHost=false

# ---- 3. Runtime -----------------------------------------------------------------------------
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
# Fonts for the PDF receipts and invoices (PDFsharp), time zones, and curl for the health check.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      fonts-liberation fonts-dejavu-core tzdata curl ca-certificates \
 && rm -rf /var/lib/apt/lists/*

ENV ASPNETCORE_URLS=http://+:8080 \
    ASPNETCORE_HTTP_PORTS="" \
    ASPNETCORE_ENVIRONMENT=Production \
    BLENDPOS_TIMEZONE=America/Argentina/Buenos_Aires \
    LOG_FORMAT=json

WORKDIR /app
COPY --from=build /app ./

# Non-root user `app` shipped with the .NET 8+ images (APP_UID=1654). The app writes nothing to its folder:
# data lives in PostgreSQL, cache and data-protection keys in Redis or PostgreSQL.
USER $APP_UID
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD curl -fsS http://127.0.0.1:8080/health || exit 1
ENTRYPOINT ["dotnet", "BlendPos.Web.dll"]
