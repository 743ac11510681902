-- Lift markdown cells out of the Div pandoc's ipynb reader wraps each cell in: pandoc's --toc only sees headings
-- that are not inside such a Div. The cell id stays as an empty anchor (the "What is checked" page links to cells);
-- code cells keep their Div and its id.
function Div(d)
  if d.classes:includes('markdown') then
    if d.identifier ~= '' then
      table.insert(d.content, 1, pandoc.RawBlock('html', '<a id="' .. d.identifier .. '"></a>'))
    end
    return d.content
  end
end
