// The ergonomic layer over the generated bindings: docker::sdk::Docker<Api>
// and docker::sdk::Container<Api> for any docker::v1_NN::Api, with the
// services they hand out (Images, Archive, Stats, events, login). The header
// docker/sdk/v1_NN.hpp (built with the bindings) names them per version.
#pragma once

#include "docker/sdk/archive.hpp"
#include "docker/sdk/attachment.hpp"
#include "docker/sdk/container.hpp"
#include "docker/sdk/docker.hpp"
#include "docker/sdk/events.hpp"
#include "docker/sdk/images.hpp"
#include "docker/sdk/options.hpp"
#include "docker/sdk/output.hpp"
#include "docker/sdk/progress.hpp"
#include "docker/sdk/registry.hpp"
#include "docker/sdk/stats.hpp"
