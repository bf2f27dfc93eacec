# One image for every Campus service; docker-compose.yml picks the service by command.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=development
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY tsconfig.json supergraph.yaml ./
COPY schema ./schema
COPY gateway ./gateway
COPY subgraphs ./subgraphs
COPY scripts ./scripts
RUN mkdir -p /campus-data && chown node:node /campus-data
USER node
