// The ergonomic layer over the generated bindings: docker::sdk::Docker<Api>
// and docker::sdk::Container<Api> for any docker::v1_NN::Api. The header
// docker/sdk/v1_NN.hpp (built with the bindings) names them per version.
#pragma once

#include "docker/sdk/attachment.hpp"
#include "docker/sdk/container.hpp"
#include "docker/sdk/docker.hpp"
#include "docker/sdk/options.hpp"
#include "docker/sdk/output.hpp"
