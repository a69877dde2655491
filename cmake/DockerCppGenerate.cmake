# docker_cpp_add_api(VERSION 1.55 [SPEC path] [OUTPUT_DIR dir] [TARGET name] [INSTALL])
#
# Generates the C++ bindings of one Engine API version with `python3 -m codegen`
# and builds them as library docker_api_v1_55 (alias DockerCpp::api_v1_55),
# namespace docker::v1_55, over the one shared docker_runtime. Any number of
# versions link into one program. INSTALL adds it to `cmake --install` as
# package component api_v1_55 (cmake/DockerCppInstall.cmake).
#
# The target carries its versions as properties: DOCKER_CPP_LIBRARY_VERSION
# (= PROJECT_VERSION, the generator's version), DOCKER_CPP_API_VERSION and
# DOCKER_CPP_SPEC_SHA256 (of the swagger file used); the generated
# docker/v1_55/version.hpp has the same three as constants.
#
# Spec lookup (see spec/README.md): SPEC argument -> DOCKER_CPP_SPEC when its
# info.version is VERSION -> <source>/../shared/specs/v1.NN.yaml -> download
# from docs.docker.com into the build folder.
#
# The file list comes from `codegen list` at configure time (CMake reconfigures
# when the spec or the generator changes); at build time the generator runs when
# its inputs change and rewrites only files whose bytes differ (BYPRODUCTS +
# restat keep incremental builds incremental).
#
# Pre-generated sources (a `make dist` tarball, scripts/dist.sh): when
# <source>/generated/v1_NN/MANIFEST exists and no SPEC is given, that
# version's bindings are built from those files as they are: no Python, no
# spec, no download. Python is looked for only when a version is generated.

set(DOCKER_CPP_CODEGEN_ROOT "${CMAKE_CURRENT_LIST_DIR}/.." CACHE INTERNAL "")
option(DOCKER_CPP_GENERATED_PCH "Precompile the common headers of generated bindings" ON)
get_filename_component(DOCKER_CPP_CODEGEN_ROOT "${DOCKER_CPP_CODEGEN_ROOT}" ABSOLUTE)

function(_docker_cpp_codegen_inputs out_var)
  file(GLOB_RECURSE _inputs CONFIGURE_DEPENDS
    "${DOCKER_CPP_CODEGEN_ROOT}/codegen/*.py"
    "${DOCKER_CPP_CODEGEN_ROOT}/codegen/templates/*.j2"
    "${DOCKER_CPP_CODEGEN_ROOT}/spec/*.yaml")
  list(SORT _inputs)
  set(${out_var} ${_inputs} PARENT_SCOPE)
endfunction()

# Python (with Jinja2 and PyYAML, scripts/deps.sh) runs the generator; only
# looked for when some version has no pre-generated sources.
macro(_docker_cpp_require_python)
  if(NOT Python3_EXECUTABLE OR NOT Python3_Interpreter_FOUND)
    find_package(Python3 3.9 REQUIRED COMPONENTS Interpreter)
  endif()
endmacro()

function(_docker_cpp_spec_version spec out_var)
  _docker_cpp_require_python()
  execute_process(
    COMMAND ${Python3_EXECUTABLE} -m codegen version "${spec}"
    WORKING_DIRECTORY "${DOCKER_CPP_CODEGEN_ROOT}"
    OUTPUT_VARIABLE _version OUTPUT_STRIP_TRAILING_WHITESPACE
    RESULT_VARIABLE _rc)
  if(NOT _rc EQUAL 0)
    message(FATAL_ERROR "docker-cpp: cannot read the API version of ${spec}")
  endif()
  set(${out_var} "${_version}" PARENT_SCOPE)
endfunction()

function(_docker_cpp_find_spec version explicit out_var)
  if(explicit)
    get_filename_component(_spec "${explicit}" ABSOLUTE)
  elseif(DOCKER_CPP_SPEC)
    get_filename_component(_given "${DOCKER_CPP_SPEC}" ABSOLUTE)
    _docker_cpp_spec_version("${_given}" _given_version)
    if(_given_version STREQUAL version)
      set(_spec "${_given}")
    endif()
  endif()
  if(NOT _spec)
    get_filename_component(_shared "${DOCKER_CPP_CODEGEN_ROOT}/../shared/specs/v${version}.yaml" ABSOLUTE)
    if(EXISTS "${_shared}")
      set(_spec "${_shared}")
    endif()
  endif()
  if(NOT _spec)
    set(_spec "${CMAKE_BINARY_DIR}/specs/v${version}.yaml")
    if(NOT EXISTS "${_spec}")
      set(_url "https://docs.docker.com/reference/api/engine/version/v${version}.yaml")
      message(STATUS "docker-cpp: downloading the API ${version} spec from ${_url}")
      file(DOWNLOAD "${_url}" "${_spec}.part" STATUS _status TLS_VERIFY ON)
      list(GET _status 0 _code)
      if(NOT _code EQUAL 0)
        file(REMOVE "${_spec}.part")
        message(FATAL_ERROR "docker-cpp: no spec for API ${version}: pass SPEC or DOCKER_CPP_SPEC (${_status})")
      endif()
      file(RENAME "${_spec}.part" "${_spec}")
    endif()
  endif()
  if(NOT EXISTS "${_spec}")
    message(FATAL_ERROR "docker-cpp: spec ${_spec} does not exist")
  endif()
  set(${out_var} "${_spec}" PARENT_SCOPE)
endfunction()

function(docker_cpp_add_api)
  cmake_parse_arguments(ARG "INSTALL" "VERSION;SPEC;OUTPUT_DIR;TARGET" "" ${ARGN})
  if(NOT ARG_VERSION AND ARG_SPEC)
    _docker_cpp_spec_version("${ARG_SPEC}" ARG_VERSION)
  endif()
  if(NOT ARG_VERSION)
    message(FATAL_ERROR "docker_cpp_add_api: VERSION or SPEC is required")
  endif()
  string(REPLACE "." "_" _id "${ARG_VERSION}")
  if(NOT ARG_TARGET)
    set(ARG_TARGET docker_api_v${_id})
  endif()
  set(_pregenerated "${DOCKER_CPP_CODEGEN_ROOT}/generated/v${_id}")
  if(NOT ARG_SPEC AND EXISTS "${_pregenerated}/MANIFEST")
    _docker_cpp_add_pregenerated_api("${ARG_VERSION}" "${_id}" "${ARG_TARGET}" "${_pregenerated}" "${ARG_INSTALL}")
    set(DOCKER_CPP_LAST_API_TARGET ${ARG_TARGET} PARENT_SCOPE)
    return()
  endif()
  _docker_cpp_require_python()
  if(NOT ARG_OUTPUT_DIR)
    set(ARG_OUTPUT_DIR "${CMAKE_BINARY_DIR}/generated/v${_id}")
  endif()
  _docker_cpp_find_spec("${ARG_VERSION}" "${ARG_SPEC}" _spec)
  _docker_cpp_codegen_inputs(_inputs)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${_spec}" ${_inputs})

  execute_process(
    COMMAND ${Python3_EXECUTABLE} -m codegen list --spec "${_spec}"
    WORKING_DIRECTORY "${DOCKER_CPP_CODEGEN_ROOT}"
    OUTPUT_VARIABLE _listing ERROR_VARIABLE _warnings RESULT_VARIABLE _rc)
  if(NOT _rc EQUAL 0)
    message(FATAL_ERROR "docker-cpp: codegen failed for ${_spec}:\n${_warnings}")
  elseif(_warnings)
    message(WARNING "${_warnings}")
  endif()
  string(REGEX REPLACE "\n$" "" _listing "${_listing}")
  string(REPLACE "\n" ";" _relative "${_listing}")
  # Headers differing only in case (IdResponse.hpp / IDResponse.hpp) would
  # overwrite each other on a case-insensitive file system (macOS, Windows).
  string(TOLOWER "${_relative}" _lowered)
  list(REMOVE_DUPLICATES _lowered)
  list(LENGTH _lowered _unique_count)
  list(LENGTH _relative _count)
  if(NOT _unique_count EQUAL _count)
    message(FATAL_ERROR "docker-cpp: API ${ARG_VERSION} generates file names that differ only in case "
      "(fix the type naming in codegen/names.py)")
  endif()
  set(_outputs "")
  set(_sources "")
  foreach(_rel IN LISTS _relative)
    list(APPEND _outputs "${ARG_OUTPUT_DIR}/${_rel}")
    if(_rel MATCHES "\\.cpp$")
      list(APPEND _sources "${ARG_OUTPUT_DIR}/${_rel}")
    endif()
  endforeach()

  set(_stamp "${ARG_OUTPUT_DIR}/codegen.stamp")
  add_custom_command(
    OUTPUT "${_stamp}"
    BYPRODUCTS ${_outputs}
    COMMAND ${Python3_EXECUTABLE} -m codegen generate --spec "${_spec}" --out "${ARG_OUTPUT_DIR}" --stamp "${_stamp}"
    WORKING_DIRECTORY "${DOCKER_CPP_CODEGEN_ROOT}"
    DEPENDS "${_spec}" ${_inputs}
    COMMENT "Generating Engine API ${ARG_VERSION} bindings from ${_spec}"
    VERBATIM)
  add_custom_target(${ARG_TARGET}_codegen DEPENDS "${_stamp}")
  file(SHA256 "${_spec}" _spec_sha256)
  _docker_cpp_api_library("${ARG_VERSION}" "${_id}" "${ARG_TARGET}" "${ARG_OUTPUT_DIR}" "${_spec_sha256}"
    "${ARG_INSTALL}" ${_sources})
  set(DOCKER_CPP_LAST_API_TARGET ${ARG_TARGET} PARENT_SCOPE)
endfunction()

# The bindings of a `make dist` tarball: files listed in dir/MANIFEST (paths
# relative to dir), the spec's sha256 in dir/SPEC_SHA256.
function(_docker_cpp_add_pregenerated_api version id target dir install)
  file(STRINGS "${dir}/MANIFEST" _relative)
  file(STRINGS "${dir}/SPEC_SHA256" _spec_sha256 LIMIT_COUNT 1)
  set(_sources "")
  foreach(_rel IN LISTS _relative)
    if(NOT EXISTS "${dir}/${_rel}")
      message(FATAL_ERROR "docker-cpp: ${dir}/MANIFEST lists ${_rel}, which is missing")
    endif()
    if(_rel MATCHES "\\.cpp$")
      list(APPEND _sources "${dir}/${_rel}")
    endif()
  endforeach()
  message(STATUS "docker-cpp: API ${version} bindings pre-generated in ${dir} (spec sha256 ${_spec_sha256})")
  # Nothing to generate; the target exists so that dependants need not care.
  add_custom_target(${target}_codegen)
  _docker_cpp_api_library("${version}" "${id}" "${target}" "${dir}" "${_spec_sha256}" "${install}" ${_sources})
endfunction()

# The library of one version's bindings, from generated sources in dir.
function(_docker_cpp_api_library version id target dir spec_sha256 install)
  set(ARG_VERSION ${version})
  set(ARG_TARGET ${target})
  set(ARG_OUTPUT_DIR ${dir})
  set(ARG_INSTALL ${install})
  set(_id ${id})
  set(_spec_sha256 ${spec_sha256})
  add_library(${ARG_TARGET} ${ARGN})
  add_dependencies(${ARG_TARGET} ${ARG_TARGET}_codegen)
  add_library(DockerCpp::api_v${_id} ALIAS ${ARG_TARGET})
  set_target_properties(${ARG_TARGET} PROPERTIES
    EXPORT_NAME api_v${_id} OUTPUT_NAME docker-cpp-api-v${_id}
    VERSION ${DOCKER_CPP_LIBRARY_VERSION} SOVERSION ${DOCKER_CPP_SOVERSION}
    DOCKER_CPP_LIBRARY_VERSION ${DOCKER_CPP_LIBRARY_VERSION}
    DOCKER_CPP_API_VERSION ${ARG_VERSION}
    DOCKER_CPP_SPEC_SHA256 ${_spec_sha256}
    EXPORT_PROPERTIES "DOCKER_CPP_LIBRARY_VERSION;DOCKER_CPP_API_VERSION;DOCKER_CPP_SPEC_SHA256")
  target_include_directories(${ARG_TARGET} PUBLIC
    $<BUILD_INTERFACE:${ARG_OUTPUT_DIR}/include>
    $<INSTALL_INTERFACE:include>)
  target_link_libraries(${ARG_TARGET} PUBLIC docker_runtime)
  target_compile_features(${ARG_TARGET} PUBLIC cxx_std_20)
  target_compile_options(${ARG_TARGET} PRIVATE -Wall -Wextra)
  if(DOCKER_CPP_GENERATED_PCH)
    # Every generated source parses nlohmann/json and the runtime headers:
    # parse them once per target.
    target_precompile_headers(${ARG_TARGET} PRIVATE
      <nlohmann/json.hpp> <map> <optional> <string> <vector>
      <docker/client.hpp> <docker/internal/json_support.hpp> <docker/internal/api_support.hpp>)
  endif()

  if(NOT TARGET docker_cpp_bindings)
    add_custom_target(docker_cpp_bindings)
  endif()
  add_dependencies(docker_cpp_bindings ${ARG_TARGET})
  if(ARG_INSTALL AND DOCKER_CPP_INSTALL)
    docker_cpp_install_api(${ARG_TARGET} "${_id}" "${ARG_VERSION}" "${_spec_sha256}" "${ARG_OUTPUT_DIR}/include")
  endif()
endfunction()

# `cmake -DDOCKER_CPP_SPEC=path/to/vX.Y.yaml`: bindings for that spec's version
# are built too, even when it is not in DOCKER_CPP_API_VERSIONS.
if(DOCKER_CPP_SPEC)
  _docker_cpp_spec_version("${DOCKER_CPP_SPEC}" _docker_cpp_given_version)
  string(REPLACE " " ";" _docker_cpp_requested "${DOCKER_CPP_API_VERSIONS}")
  if(NOT _docker_cpp_given_version IN_LIST _docker_cpp_requested)
    list(APPEND _docker_cpp_requested "${_docker_cpp_given_version}")
    set(DOCKER_CPP_API_VERSIONS "${_docker_cpp_requested}")
  endif()
endif()
