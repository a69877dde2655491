// Go peer for the docker-cpp benchmarks: the official Docker client (20.10,
// Debian's golang-github-docker-docker-dev) doing the same workloads as the
// C++ peers. Built offline with GO111MODULE=off and GOPATH=/usr/share/gocode.
//
//   dockerbench requests ping|version|containers|inspect N
//                                                     sequential keep-alive calls (inspect:
//                                                     of $BENCH_CONTAINER_ID)
//   dockerbench decode FILE N                          json.Unmarshal into []types.Container, N times
//   dockerbench logs ID                                ContainerLogs + stdcopy.StdCopy to io.Discard
//   dockerbench events N                               Events(Until=N) from bench-logserver: N events
//   dockerbench concurrent containers|version G N      one client shared by G goroutines, N calls in all
//   dockerbench lifecycle N                            N × create/start/wait/remove of busybox `true`
//   dockerbench startup                                hello-like: FromEnv + negotiation, one ContainerList;
//                                                      ms since exec (BENCH_T0_NS) of the first dial/answer
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
	"net"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/docker/docker/api/types"
	"github.com/docker/docker/api/types/container"
	"github.com/docker/docker/client"
	"github.com/docker/docker/pkg/stdcopy"
)

// msSinceExec: ms since BENCH_T0_NS (CLOCK_REALTIME ns, set by bench-exec right before exec).
func msSinceExec() float64 {
	t0, _ := strconv.ParseInt(os.Getenv("BENCH_T0_NS"), 10, 64)
	return float64(time.Now().UnixNano()-t0) / 1e6
}

// openSockets counts this process's open sockets (/proc/self/fd).
func openSockets() int {
	entries, err := ioutil.ReadDir("/proc/self/fd")
	if err != nil {
		return -1
	}
	n := 0
	for _, e := range entries {
		if t, err := os.Readlink("/proc/self/fd/" + e.Name()); err == nil && strings.HasPrefix(t, "socket:") {
			n++
		}
	}
	return n
}

// countingDial dials DOCKER_HOST's unix socket and counts the dials.
func countingDial(dials *int64) func(ctx context.Context, network, addr string) (net.Conn, error) {
	path := strings.TrimPrefix(os.Getenv("DOCKER_HOST"), "unix://")
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		atomic.AddInt64(dials, 1)
		var d net.Dialer
		return d.DialContext(ctx, "unix", path)
	}
}

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

// workloadCall returns one call of the workload named on the command line
// (ping, version, containers, or inspect of $BENCH_CONTAINER_ID); any other
// name is fatal.
func workloadCall(ctx context.Context, cli *client.Client, name string) func() error {
	switch name {
	case "ping":
		return func() error { _, err := cli.Ping(ctx); return err }
	case "version":
		return func() error { _, err := cli.ServerVersion(ctx); return err }
	case "containers":
		return func() error { _, err := cli.ContainerList(ctx, types.ContainerListOptions{}); return err }
	case "inspect":
		id := os.Getenv("BENCH_CONTAINER_ID")
		return func() error { _, err := cli.ContainerInspect(ctx, id); return err }
	}
	die(fmt.Errorf("unknown workload %s", name))
	return nil
}

func main() {
	if len(os.Args) < 2 || (len(os.Args) < 3 && os.Args[1] != "startup") {
		die(fmt.Errorf("usage: dockerbench requests|decode|logs|events|concurrent|lifecycle|startup ..."))
	}
	ctx := context.Background()
	switch os.Args[1] {
	case "requests":
		n, _ := strconv.Atoi(os.Args[3])
		cli := newClient()
		call := workloadCall(ctx, cli, os.Args[2])
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
	case "events":
		n, _ := strconv.Atoi(os.Args[2])
		cli := newClient()
		readEvents := func(until int) int {
			msgs, errs := cli.Events(ctx, types.EventsOptions{Until: strconv.Itoa(until)})
			items := 0
			for {
				select {
				case m := <-msgs:
					if m.Action != "" {
						items++
					}
				case err := <-errs:
					if err != io.EOF {
						die(err)
					}
					return items
				}
			}
		}
		readEvents(100) // warm-up: connects, first allocations
		c0, t0 := cpuNow(), time.Now()
		items := readEvents(n)
		// The channels are unbuffered: every event was received before io.EOF.
		fmt.Printf("cpu_s=%.6f wall_s=%.6f n=%d\n", cpuNow()-c0, time.Since(t0).Seconds(), items)
		if items != n {
			die(fmt.Errorf("expected %d events, got %d", n, items))
		}
	case "concurrent":
		g, _ := strconv.Atoi(os.Args[3])
		n, _ := strconv.Atoi(os.Args[4])
		var dials int64
		cli, err := client.NewClientWithOpts(client.FromEnv, client.WithVersion("1.41"), client.WithDialContext(countingDial(&dials)))
		if err != nil {
			die(err)
		}
		if os.Args[2] == "ping" { // as bench-ours concurrent: version and containers only
			die(fmt.Errorf("unknown workload %s", os.Args[2]))
		}
		call := workloadCall(ctx, cli, os.Args[2])
		if err := call(); err != nil {
			die(err)
		}
		var peak int64 = int64(openSockets())
		done := make(chan struct{})
		sampled := make(chan struct{})
		go func() {
			defer close(sampled)
			for {
				select {
				case <-done:
					return
				case <-time.After(5 * time.Millisecond):
					if k := int64(openSockets()); k > peak {
						peak = k
					}
				}
			}
		}()
		dials0 := atomic.LoadInt64(&dials)
		c0, t0 := cpuNow(), time.Now()
		var wg sync.WaitGroup
		for i := 0; i < g; i++ {
			share := n / g
			if i < n%g {
				share++
			}
			wg.Add(1)
			go func(share int) {
				defer wg.Done()
				for k := 0; k < share; k++ {
					if err := call(); err != nil {
						die(err)
					}
				}
			}(share)
		}
		wg.Wait()
		cpu, wall := cpuNow()-c0, time.Since(t0).Seconds()
		close(done)
		<-sampled
		fmt.Printf("cpu_s=%.6f wall_s=%.6f n=%d threads=%d dials=%d peak_sockets=%d idle_sockets=%d\n",
			cpu, wall, n, g, atomic.LoadInt64(&dials)-dials0, peak, openSockets())
	case "lifecycle":
		n, _ := strconv.Atoi(os.Args[2])
		cli := newClient()
		cfg := &container.Config{Image: "busybox:latest", Cmd: []string{"true"},
			Labels: map[string]string{"org.docker-cpp.test": "1", "org.docker-cpp.bench": "lifecycle"}}
		host := &container.HostConfig{NetworkMode: "none"}
		cycle := func() {
			created, err := cli.ContainerCreate(ctx, cfg, host, nil, nil, "")
			if err != nil {
				die(err)
			}
			if err := cli.ContainerStart(ctx, created.ID, types.ContainerStartOptions{}); err != nil {
				die(err)
			}
			statusCh, errCh := cli.ContainerWait(ctx, created.ID, container.WaitConditionNotRunning)
			select {
			case st := <-statusCh:
				if st.StatusCode != 0 {
					die(fmt.Errorf("exit status %d", st.StatusCode))
				}
			case err := <-errCh:
				die(err)
			}
			if err := cli.ContainerRemove(ctx, created.ID, types.ContainerRemoveOptions{}); err != nil {
				die(err)
			}
		}
		cycle() // warm-up: connects
		c0, t0 := cpuNow(), time.Now()
		for i := 0; i < n; i++ {
			cycle()
		}
		fmt.Printf("cpu_s=%.6f wall_s=%.6f n=%d\n", cpuNow()-c0, time.Since(t0).Seconds(), n)
	case "startup":
		atMain := msSinceExec()
		var firstDial float64 = -1
		path := strings.TrimPrefix(os.Getenv("DOCKER_HOST"), "unix://")
		cli, err := client.NewClientWithOpts(client.FromEnv, client.WithAPIVersionNegotiation(),
			client.WithDialContext(func(ctx context.Context, network, addr string) (net.Conn, error) {
				if firstDial < 0 {
					firstDial = msSinceExec()
				}
				var d net.Dialer
				return d.DialContext(ctx, "unix", path)
			}))
		if err != nil {
			die(err)
		}
		list, err := cli.ContainerList(ctx, types.ContainerListOptions{})
		if err != nil {
			die(err)
		}
		fmt.Printf("main_ms=%.3f first_request_ms=%.3f first_response_ms=%.3f containers=%d\n", atMain, firstDial, msSinceExec(), len(list))
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
