# Practice: one image for the web and the workers (`--role web|worker|all`).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# global.json pins the exact SDK of the development machines; the image brings its own 10.0 SDK.
COPY Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/ src/
COPY migrations/ migrations/
RUN dotnet publish src/Practice.Web/Practice.Web.csproj -c Release -o /app --nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app ./
COPY content/ /app/content/
ENV ASPNETCORE_URLS=http://0.0.0.0:8080 \
    DOTNET_GENERATE_ASPNET_CERTIFICATE=false
EXPOSE 8080
USER app
ENTRYPOINT ["dotnet", "Practice.Web.dll"]
CMD ["--role", "all", "--migrate", "--import-content", "/app/content"]
