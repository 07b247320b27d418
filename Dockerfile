FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY workers ./workers
COPY schedules ./schedules
COPY ops ./ops
RUN pip install --no-cache-dir '.[flower]'
RUN mkdir -p /data && chown nobody /data
USER nobody
CMD ["newsrelay", "--help"]
