# 一网督办 image: the web console is built in the first stage (dev dependencies), the runtime stage has production
# dependencies only and runs as the unprivileged `node` user. Data: a PGlite folder in the /data volume, or
# PostgreSQL through DATABASE_URL (deploy/compose.yaml). Configuration: environment variables (docs/deployment.md).
#   docker build -t yiwang .
#   docker run -p 3000:3000 -v yiwang-data:/data yiwang

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build:web

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    PORT=3000 \
    HOST=0.0.0.0 \
    YIWANG_DATA_DIR=/data \
    YIWANG_IMPORT_DIR=/data/import-uploads
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY bin ./bin
COPY src/cli ./src/cli
COPY src/contracts ./src/contracts
COPY src/domain ./src/domain
COPY src/server ./src/server
COPY --from=build /app/dist/web ./dist/web
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
# Readiness, not liveness: the database answers and has this version's migrations (503 with a code otherwise).
HEALTHCHECK --interval=30s --timeout=5s --start-period=90s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "bin/yiwang.js", "serve"]
