# The image of the nginx replicas (nfs/nginx.yaml): stock nginx running nginx/tintype.conf.template
# as an unprivileged user on port 8080, serving /srv/tintype, logging to the container's output.
# Build it from the repository root:
#   docker build -f scripts/kubernetes/nginx.Dockerfile -t registry.example.org/tintype-nginx:latest .
# Kept minimal on purpose and not built by the tests (no container runtime where tintype is
# developed); KubernetesManifestsTest checks that it fills in every placeholder of the template.
FROM nginx:stable
COPY nginx/tintype.conf.template /etc/tintype/nginx.conf.template
RUN mkdir -p /var/cache/tintype-nginx/tmp \
 && sed -e 's|@USER_LINE@||' \
        -e 's|@DAEMON@|off|' \
        -e 's|@PID_FILE@|/var/cache/tintype-nginx/nginx.pid|' \
        -e 's|@RUN_DIR@|/var/cache/tintype-nginx|g' \
        -e 's|@LISTEN@|8080|' \
        -e 's|@ROOT@|/srv/tintype|' \
        /etc/tintype/nginx.conf.template > /etc/tintype/nginx.conf \
 && ln -sf /dev/stdout /var/cache/tintype-nginx/access.log \
 && ln -sf /dev/stderr /var/cache/tintype-nginx/error.log \
 && chown -R 101:101 /var/cache/tintype-nginx
USER 101:101
EXPOSE 8080
CMD ["nginx", "-c", "/etc/tintype/nginx.conf", "-e", "/dev/stderr"]
