# Debian packages of an installed build (CPack DEB, `make debs`, scripts/debs.sh):
#   libdocker-cpp-dev             component `development`: the runtime, its and
#                                 the layer's headers, CMake package, pkg-config
#   libdocker-cpp-api-1.NN-dev    component `api_v1_NN`, one per API version built;
#                                 several install side by side (no shared files)
#   libdocker-cpp-cpprest-dev     component `cpprest`, when the transport was built
# All carry the library version. The libraries are static and 0.y minors may
# break (README.md, "Versions"), so an API package depends on exactly the
# runtime it was built with: `libdocker-cpp-dev (= 0.1.0)`.
#
# Build for /usr (CMAKE_INSTALL_PREFIX=/usr, so GNUInstallDirs picks the
# multiarch libdir where pkg-config and find_package look).

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME docker-cpp)
set(CPACK_PACKAGE_VENDOR "docker-cpp")
set(CPACK_PACKAGE_VERSION ${DOCKER_CPP_LIBRARY_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_CONTACT "docker-cpp maintainers <docker-cpp@localhost>")
set(CPACK_PACKAGING_INSTALL_PREFIX "${CMAKE_INSTALL_PREFIX}")
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION libdevel)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(_docker_cpp_deb_version "${DOCKER_CPP_LIBRARY_VERSION}-${CPACK_DEBIAN_PACKAGE_RELEASE}")

# What the public headers include, and libarchive13 and libssl3: not linked,
# the runtime loads them (libarchive.so.13 when it first makes or extracts a
# tar, libssl.so.3 at its first TLS connection or named context).
set(CPACK_DEBIAN_DEVELOPMENT_PACKAGE_NAME libdocker-cpp-dev)
set(CPACK_DEBIAN_DEVELOPMENT_PACKAGE_DEPENDS
  "g++ (>= 12), libboost-dev (>= 1.74), nlohmann-json3-dev (>= 3.10), libarchive13 (>= 3.3), libssl3 (>= 3.0)")
set(CPACK_COMPONENT_DEVELOPMENT_DESCRIPTION
  "C++20 client for the Docker Engine API: runtime and layer\n The transport-independent runtime (HTTP/1.1 over unix, TCP, TLS, ssh), the\n ergonomic layer's headers, the CMake package DockerCpp and pkg-config files.\n Install one or more libdocker-cpp-api-1.NN-dev for the bindings.")
set(CPACK_COMPONENTS_ALL development)

foreach(_v IN LISTS _docker_cpp_installed_versions)
  string(REPLACE "." "_" _id "${_v}")
  string(TOUPPER "api_v${_id}" _component)
  set(CPACK_DEBIAN_${_component}_PACKAGE_NAME "libdocker-cpp-api-${_v}-dev")
  set(CPACK_DEBIAN_${_component}_PACKAGE_DEPENDS "libdocker-cpp-dev (= ${_docker_cpp_deb_version})")
  set(CPACK_COMPONENT_${_component}_DESCRIPTION
    "docker-cpp bindings of Docker Engine API ${_v}\n Generated models and operations (namespace docker::v${_id}) with the layer\n compiled for them; find_package(DockerCpp COMPONENTS api_v${_id}) or\n pkg-config docker-cpp-api-v${_id}.")
  list(APPEND CPACK_COMPONENTS_ALL api_v${_id})
endforeach()

if(TARGET docker_cpprest)
  set(CPACK_DEBIAN_CPPREST_PACKAGE_NAME libdocker-cpp-cpprest-dev)
  set(CPACK_DEBIAN_CPPREST_PACKAGE_DEPENDS "libdocker-cpp-dev (= ${_docker_cpp_deb_version}), libcpprest-dev")
  set(CPACK_COMPONENT_CPPREST_DESCRIPTION
    "docker-cpp transport over cpprestsdk (optional)\n A Doer adapter for programs that already use cpprestsdk; no unix socket, no hijack.")
  list(APPEND CPACK_COMPONENTS_ALL cpprest)
endif()

set(CPACK_OUTPUT_FILE_PREFIX "${CMAKE_BINARY_DIR}/packages")
include(CPack)
