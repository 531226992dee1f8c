package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"lexsearch/api"
)

func runServe(ctx context.Context, e env, args []string) error {
	fs := newFlags("serve", "", e)
	addr := fs.String("addr", "127.0.0.1:8080", "listen address")
	data := dataFlag(fs)
	pos, err := parse(fs, e, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("serve takes no arguments, got %q", pos)
	}
	logger := newLogger(e, e.stderr)

	// The server owns the data directory while it runs: it holds the
	// lock, so no ingest writes beside it.
	o, err := openData(ctx, e, logger, *data, "serve")
	if err != nil {
		return err
	}
	defer o.Close()
	idx := o.idx
	n, err := idx.Count()
	if err != nil {
		return err
	}

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", *addr, err)
	}
	handler := api.NewServer(logger, idx, api.Config{Originals: o.store.Originals()})
	srv := &http.Server{Handler: handler, ReadHeaderTimeout: 10 * time.Second}
	base := "http://" + ln.Addr().String()
	fmt.Fprintf(e.stdout, "lexsearch: serving %d documents from %s on %s\n\nTry:\n", n, *data, base)
	for _, ex := range []string{
		"/search?q=section+230&court=ilnd",
		"/search?q=beneficiary+liability&format=text",
		"/search?statute=18+U.S.C.+%C2%A7+1595&format=text",
		"/search?q=%22affirmative+defense%22",
	} {
		fmt.Fprintf(e.stdout, "  curl '%s%s'\n", base, ex)
	}
	fmt.Fprintln(e.stdout)

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	if fault := faultHook(e.getenv, e.stderr); fault != nil {
		fault("serving") // the tests of concurrent writers hold a server here
	}
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shut down: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
