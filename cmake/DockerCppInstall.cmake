# `cmake --install` for docker-cpp: the runtime, every API library built with
# docker_cpp_add_api(... INSTALL), their headers, a CMake package
#   find_package(DockerCpp 0.1 REQUIRED COMPONENTS api_v1_55)
# with one component per API version, and pkg-config files
#   docker-cpp-runtime.pc, docker-cpp-api-v1_55.pc.
#
# Layout under the prefix (GNUInstallDirs):
#   include/docker/...                       runtime and generated headers
#   lib/libdocker-cpp-runtime.a, lib/libdocker-cpp-api-v1_NN.a
#   lib/cmake/DockerCpp/DockerCppConfig.cmake, DockerCppConfigVersion.cmake,
#     DockerCppRuntimeTargets.cmake, DockerCpp-api_v1_NN.cmake (component
#     file: its versions) + DockerCppApi_v1_NNTargets.cmake (its target)
#   lib/pkgconfig/docker-cpp-runtime.pc, docker-cpp-api-v1_NN.pc
#
# Each API version is its own export set, so installing builds of different
# versions into one prefix adds components instead of replacing each other.
#
# Install components (`cmake --install --component`, and one Debian package
# each, cmake/DockerCppPackaging.cmake): `development` — the runtime, its
# and the layer's headers, the CMake package and pkg-config files; `runtime`
# — the runtime's shared library when built shared; `api_v1_NN` — everything
# of one API version (library, generated headers, component files, .pc);
# `cpprest` — the optional cpprestsdk transport.

include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(DOCKER_CPP_CMAKE_INSTALL_DIR "${CMAKE_INSTALL_LIBDIR}/cmake/DockerCpp" CACHE INTERNAL "")
set(DOCKER_CPP_PKGCONFIG_INSTALL_DIR "${CMAKE_INSTALL_LIBDIR}/pkgconfig" CACHE INTERNAL "")
set(_docker_cpp_install_templates "${CMAKE_CURRENT_LIST_DIR}" CACHE INTERNAL "")
# .pc files name their prefix relative to their own directory, so that
# `cmake --install build --prefix DIR` works without reconfiguring.
file(RELATIVE_PATH DOCKER_CPP_PC_PREFIX_FROM_PCDIR "/${DOCKER_CPP_PKGCONFIG_INSTALL_DIR}" "/")
string(REGEX REPLACE "/$" "" DOCKER_CPP_PC_PREFIX_FROM_PCDIR "${DOCKER_CPP_PC_PREFIX_FROM_PCDIR}")
set(DOCKER_CPP_PC_PREFIX_FROM_PCDIR "${DOCKER_CPP_PC_PREFIX_FROM_PCDIR}" CACHE INTERNAL "")

# pkg-config cannot express "static archive with private dependencies" for a
# plain `pkg-config --libs`: with static libraries the dependencies go into
# Requires/Libs, with shared ones into Requires.private.
function(_docker_cpp_pc_requires target out_prefix)
  get_target_property(_type ${target} TYPE)
  if(_type STREQUAL "STATIC_LIBRARY")
    set(${out_prefix} "" PARENT_SCOPE)
  else()
    set(${out_prefix} ".private" PARENT_SCOPE)
  endif()
endfunction()

function(docker_cpp_install_runtime)
  install(TARGETS docker_runtime EXPORT DockerCppRuntimeTargets
    ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT development
    LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT runtime
    RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT runtime
    INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
  # The target's own directory: DOCKER_CPP_CODEGEN_ROOT is not set yet when
  # runtime/ is configured the first time.
  get_target_property(_runtime_dir docker_runtime SOURCE_DIR)
  install(DIRECTORY "${_runtime_dir}/include/"
    DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} COMPONENT development)
  install(EXPORT DockerCppRuntimeTargets NAMESPACE DockerCpp::
    FILE DockerCppRuntimeTargets.cmake DESTINATION ${DOCKER_CPP_CMAKE_INSTALL_DIR} COMPONENT development)

  configure_package_config_file("${_docker_cpp_install_templates}/DockerCppConfig.cmake.in"
    "${CMAKE_BINARY_DIR}/DockerCppConfig.cmake"
    INSTALL_DESTINATION ${DOCKER_CPP_CMAKE_INSTALL_DIR})
  # 0.y.z: a minor release may break (semver); from 1.0 on, the major does.
  if(DOCKER_CPP_LIBRARY_VERSION VERSION_LESS 1)
    set(_compatibility SameMinorVersion)
  else()
    set(_compatibility SameMajorVersion)
  endif()
  write_basic_package_version_file("${CMAKE_BINARY_DIR}/DockerCppConfigVersion.cmake"
    VERSION ${DOCKER_CPP_LIBRARY_VERSION} COMPATIBILITY ${_compatibility})
  install(FILES "${CMAKE_BINARY_DIR}/DockerCppConfig.cmake" "${CMAKE_BINARY_DIR}/DockerCppConfigVersion.cmake"
    DESTINATION ${DOCKER_CPP_CMAKE_INSTALL_DIR} COMPONENT development)

  _docker_cpp_pc_requires(docker_runtime DOCKER_CPP_PC_REQUIRES_KIND)
  # libdl (dlopen of libarchive on first use, runtime/src/files/libarchive.cpp):
  # on the link line of a static runtime, in Libs.private of a shared one.
  set(_dl "")
  foreach(_lib IN LISTS CMAKE_DL_LIBS)
    string(APPEND _dl " -l${_lib}")
  endforeach()
  if(DOCKER_CPP_PC_REQUIRES_KIND STREQUAL "")
    set(DOCKER_CPP_PC_LIBS "${_dl}")
    set(DOCKER_CPP_PC_LIBS_PRIVATE "")
  else()
    set(DOCKER_CPP_PC_LIBS "")
    set(DOCKER_CPP_PC_LIBS_PRIVATE "${_dl}")
  endif()
  configure_file("${_docker_cpp_install_templates}/docker-cpp-runtime.pc.in"
    "${CMAKE_BINARY_DIR}/pkgconfig/docker-cpp-runtime.pc" @ONLY)
  install(FILES "${CMAKE_BINARY_DIR}/pkgconfig/docker-cpp-runtime.pc"
    DESTINATION ${DOCKER_CPP_PKGCONFIG_INSTALL_DIR} COMPONENT development)
endfunction()

# target: docker_api_v1_55; id: 1_55; api_version: 1.55; include_dir: its generated include/.
function(docker_cpp_install_api target id api_version spec_sha256 include_dir)
  set(DOCKER_CPP_COMPONENT api_v${id})
  set(DOCKER_CPP_API_ID ${id})
  set(DOCKER_CPP_API_VERSION ${api_version})
  set(DOCKER_CPP_SPEC_SHA256 ${spec_sha256})
  install(TARGETS ${target} EXPORT DockerCppApi_v${id}Targets
    ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT api_v${id}
    LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT api_v${id}
    RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT api_v${id}
    INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
  # Generated at build time: installed as a directory, whatever the generator wrote.
  install(DIRECTORY "${include_dir}/" DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} COMPONENT api_v${id})
  install(EXPORT DockerCppApi_v${id}Targets NAMESPACE DockerCpp::
    FILE DockerCppApi_v${id}Targets.cmake DESTINATION ${DOCKER_CPP_CMAKE_INSTALL_DIR} COMPONENT api_v${id})
  configure_file("${_docker_cpp_install_templates}/DockerCppComponent.cmake.in"
    "${CMAKE_BINARY_DIR}/DockerCpp-api_v${id}.cmake" @ONLY)
  install(FILES "${CMAKE_BINARY_DIR}/DockerCpp-api_v${id}.cmake"
    DESTINATION ${DOCKER_CPP_CMAKE_INSTALL_DIR} COMPONENT api_v${id})

  configure_file("${_docker_cpp_install_templates}/docker-cpp-api.pc.in"
    "${CMAKE_BINARY_DIR}/pkgconfig/docker-cpp-api-v${id}.pc" @ONLY)
  install(FILES "${CMAKE_BINARY_DIR}/pkgconfig/docker-cpp-api-v${id}.pc"
    DESTINATION ${DOCKER_CPP_PKGCONFIG_INSTALL_DIR} COMPONENT api_v${id})
endfunction()

# The header-only ergonomic layer (sdk/CMakeLists.txt puts docker_sdk in the
# export set DockerCppTargets): package component `sdk`, target DockerCpp::sdk.
function(docker_cpp_install_sdk_export)
  install(EXPORT DockerCppTargets NAMESPACE DockerCpp::
    FILE DockerCppSdkTargets.cmake DESTINATION ${DOCKER_CPP_CMAKE_INSTALL_DIR} COMPONENT development)
endfunction()
