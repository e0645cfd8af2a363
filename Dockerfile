# yujue image: everything needed at run time is inside (pdf.js cmaps and standard fonts from pdfjs-dist, the OCR
# traineddata from @tesseract.js-data/*, a CJK font for page rendering), so a run downloads nothing.
# Build: docker build -t yujue .   Run: docker run --rm -v "$PWD:/data" yujue extract /data/in --out /data/out

FROM node:20-slim AS builder
WORKDIR /app
COPY package.json package-lock.json ./
# Scripts skipped: "prepare" would compile before the sources are copied; tsc runs below.
RUN npm ci --ignore-scripts
COPY tsconfig.json ./
COPY src ./src
COPY extractors ./extractors
COPY schemas ./schemas
COPY bench ./bench
RUN npx tsc -p tsconfig.json

FROM node:20-slim AS runtime
# A CJK font for PDFs whose Chinese fonts are not embedded (review page images).
RUN apt-get update \
 && apt-get install -y --no-install-recommends fonts-wqy-zenhei \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force
COPY --from=builder /app/dist ./dist
COPY schemas/*.schema.json ./schemas/
# Non-root: the node image's "node" user (uid 1000); mounted output volumes must be writable by it.
USER node
ENTRYPOINT ["node", "dist/src/cli/main.js"]
CMD ["--help"]
