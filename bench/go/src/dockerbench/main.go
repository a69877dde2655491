// Go peer for the docker-cpp benchmarks: the official Docker client (20.10,
// Debian's golang-github-docker-docker-dev) doing the same workloads as the
// C++ peers. Built offline with GO111MODULE=off and GOPATH=/usr/share/gocode.
//
//   dockerbench requests ping|version|containers N     sequential keep-alive calls
//   dockerbench decode FILE N                          json.Unmarshal into []types.Container, N times
//   dockerbench logs ID                                ContainerLogs + stdcopy.StdCopy to io.Discard
//
// Prints one line of key=value pairs; CPU time is measured by the harness
// (getrusage of this process), plus self-reported for the decode loop.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/ioutil"
	"os"
	"strconv"
	"syscall"
	"time"

	"github.com/docker/docker/api/types"
	"github.com/docker/docker/client"
	"github.com/docker/docker/pkg/stdcopy"
)

func cpuNow() float64 {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return float64(ru.Utime.Sec+ru.Stime.Sec) + float64(ru.Utime.Usec+ru.Stime.Usec)/1e6
}

func die(err error) {
	fmt.Fprintln(os.Stderr, "dockerbench:", err)
	os.Exit(1)
}

func newClient() *client.Client {
	// Pin 1.41 so that no /_ping negotiation is added to the counted calls.
	cli, err := client.NewClientWithOpts(client.FromEnv, client.WithVersion("1.41"))
	if err != nil {
		die(err)
	}
	return cli
}

func main() {
	if len(os.Args) < 3 {
		die(fmt.Errorf("usage: dockerbench requests|decode|logs ..."))
	}
	ctx := context.Background()
	switch os.Args[1] {
	case "requests":
		n, _ := strconv.Atoi(os.Args[3])
		cli := newClient()
		var call func() error
		switch os.Args[2] {
		case "ping":
			call = func() error { _, err := cli.Ping(ctx); return err }
		case "version":
			call = func() error { _, err := cli.ServerVersion(ctx); return err }
		case "containers":
			call = func() error { _, err := cli.ContainerList(ctx, types.ContainerListOptions{}); return err }
		default:
			die(fmt.Errorf("unknown workload %s", os.Args[2]))
		}
		// One warm-up call opens the connection.
		if err := call(); err != nil {
			die(err)
		}
		c0, t0 := cpuNow(), time.Now()
		for i := 0; i < n; i++ {
			if err := call(); err != nil {
				die(err)
			}
		}
		fmt.Printf("cpu_s=%.6f wall_s=%.6f n=%d\n", cpuNow()-c0, time.Since(t0).Seconds(), n)
	case "decode":
		data, err := ioutil.ReadFile(os.Args[2])
		if err != nil {
			die(err)
		}
		n, _ := strconv.Atoi(os.Args[3])
		var out []types.Container
		if err := json.Unmarshal(data, &out); err != nil {
			die(err)
		}
		c0, t0 := cpuNow(), time.Now()
		for i := 0; i < n; i++ {
			out = nil
			if err := json.Unmarshal(data, &out); err != nil {
				die(err)
			}
		}
		fmt.Printf("cpu_s=%.6f wall_s=%.6f n=%d items=%d\n", cpuNow()-c0, time.Since(t0).Seconds(), n, len(out))
	case "logs":
		cli := newClient()
		t0 := time.Now()
		rc, err := cli.ContainerLogs(ctx, os.Args[2], types.ContainerLogsOptions{ShowStdout: true, ShowStderr: true})
		if err != nil {
			die(err)
		}
		nout, err := stdcopy.StdCopy(io.Discard, io.Discard, rc)
		if err != nil {
			die(err)
		}
		rc.Close()
		fmt.Printf("bytes=%d wall_s=%.6f\n", nout, time.Since(t0).Seconds())
	default:
		die(fmt.Errorf("unknown mode %s", os.Args[1]))
	}
}
