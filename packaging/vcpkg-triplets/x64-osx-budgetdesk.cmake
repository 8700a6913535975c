# OpenSSL for the macOS installer (x86_64): shared libraries, so that the legacy provider is a
# module of its own (ossl-modules/legacy.dylib) beside libcrypto, built for the same oldest
# macOS as the app (CMAKE_OSX_DEPLOYMENT_TARGET). vcpkg's own osx triplets are static and
# follow the build machine's macOS.
set(VCPKG_TARGET_ARCHITECTURE x64)
set(VCPKG_CRT_LINKAGE dynamic)
set(VCPKG_LIBRARY_LINKAGE dynamic)
set(VCPKG_CMAKE_SYSTEM_NAME Darwin)
set(VCPKG_OSX_ARCHITECTURES x86_64)
set(VCPKG_OSX_DEPLOYMENT_TARGET 12.0)
# OpenSSL's own build does not read VCPKG_OSX_DEPLOYMENT_TARGET (vcpkg issue 10038).
set(VCPKG_C_FLAGS "-mmacosx-version-min=12.0")
set(VCPKG_CXX_FLAGS "-mmacosx-version-min=12.0")
