# One image for every Campus service; docker-compose.yml picks the service by command.
# Services run the build (`npm run build`: JavaScript in dist/) with plain node, not tsx.

# Build stage: every dependency (TypeScript included), then tsc into dist/.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY gateway ./gateway
COPY subgraphs ./subgraphs
COPY scripts ./scripts
RUN npm run build

# Runtime stage: production dependencies, the build (each subgraph's schema.graphql is in
# dist/ beside it), the composed supergraph the gateway reads (SUPERGRAPH_PATH, from
# /app) and the client operations' manifest. No TypeScript source. Production by default: secrets must come from the
# environment (docker-compose sets development for its demo's generated secrets).
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY schema ./schema
# The trusted-documents manifest (TRUSTED_DOCUMENTS=enforce runs only what it lists).
COPY clients/generated/persisted-documents.json ./clients/generated/persisted-documents.json
COPY --from=build /app/dist ./dist
RUN mkdir -p /campus-data && chown node:node /campus-data
USER node
CMD ["node", "dist/gateway/main.js"]
