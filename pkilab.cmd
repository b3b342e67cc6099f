@echo off
rem pkilab launcher for Windows: runs target\pkilab.jar with Java 17 or later, from any folder.
rem Build the jar once in this checkout with "mvn -B -DskipTests package" (Java 17 and Maven);
rem a machine with only Java needs this file, target\pkilab.jar and the ca, scenarios and server
rem folders beside it. JAVA_HOME picks the Java to use, else java on PATH; PKILAB_JAVA_OPTS adds
rem JVM options.
setlocal
set "HERE=%~dp0"
set "HERE=%HERE:~0,-1%"
set "JAR=%HERE%\target\pkilab.jar"
if not exist "%JAR%" (
  echo pkilab: %JAR% is missing; build it once with: mvn -B -DskipTests package 1>&2
  exit /b 70
)
set "JAVA=java"
if defined JAVA_HOME set "JAVA=%JAVA_HOME%\bin\java"
"%JAVA%" -XX:+UseSerialGC %PKILAB_JAVA_OPTS% "-Dpkilab.config=%HERE%" -jar "%JAR%" %*
exit /b %ERRORLEVEL%
